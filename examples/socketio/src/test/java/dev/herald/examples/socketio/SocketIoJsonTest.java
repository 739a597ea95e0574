package dev.herald.examples.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.corundumstudio.socketio.protocol.JsonSupport;
import dev.herald.examples.socketio.SocketIoJson.RawFrame;
import dev.herald.examples.socketio.SocketIoJson.Request;
import dev.herald.examples.socketio.SocketIoJson.RequestIdKind;
import dev.herald.transport.OutboundFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Frames cross netty-socketio's Jackson layer as raw bytes, and requests come out as compact JSON. */
class SocketIoJsonTest {
  private final JsonSupport json = SocketIoJson.support();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] write(Object value) throws Exception {
    ByteBuf buf = Unpooled.buffer();
    json.writeValue(new ByteBufOutputStream(buf), value);
    byte[] out = new byte[buf.readableBytes()];
    buf.readBytes(out);
    return out;
  }

  private Request read(String packetJson) throws Exception {
    return json.readValue("", new ByteBufInputStream(Unpooled.wrappedBuffer(utf8(packetJson))), Request.class);
  }

  @Test
  void aFrameIsWrittenAsItsOwnBytesNotReencoded() throws Exception {
    // Spacing, key order, escapes and a number format no encoder would reproduce: kept byte for byte.
    String frameJson = "{ \"type\" : \"document\",\"result\":{\"_source\":{\"foo\":\"bar \\u00e9 é\",\"n\":1.50E+2}} }";
    OutboundFrame frame = OutboundFrame.notification("chan-1", utf8(frameJson));
    AtomicInteger encoded = new AtomicInteger();

    byte[] event = write(List.of("chan-1", new RawFrame(frame, encoded::incrementAndGet)));

    assertThat(new String(event, StandardCharsets.UTF_8)).isEqualTo("[\"chan-1\"," + frameJson + "]");
    assertThat(encoded).hasValue(1);
  }

  @Test
  void aFrameLargerThanJacksonsBufferIsWrittenWhole() throws Exception {
    String big = "{\"pad\":\"" + "x".repeat(100_000) + "\"}";
    byte[] event = write(List.of("r", new RawFrame(OutboundFrame.response("r", utf8(big)), null)));
    assertThat(new String(event, StandardCharsets.UTF_8)).isEqualTo("[\"r\"," + big + "]");
  }

  @Test
  void anObjectRequestIsCopiedCompactWithItsRequestId() throws Exception {
    Request r = read("{ \"controller\" : \"server\", \"action\":\"now\", \"requestId\": \"r-1\", "
        + "\"body\": {\"big\": 123456789012345678901234567890, \"exact\": 0.1000000000000000055511151231257827, \"s\":\"é\\n\"} }");
    assertThat(new String(r.json(), StandardCharsets.UTF_8)).isEqualTo("{\"controller\":\"server\",\"action\":\"now\","
        + "\"requestId\":\"r-1\",\"body\":{\"big\":123456789012345678901234567890,"
        + "\"exact\":0.1000000000000000055511151231257827,\"s\":\"é\\n\"}}");
    assertThat(r.idKind()).isEqualTo(RequestIdKind.GIVEN);
    assertThat(r.requestId()).isEqualTo("r-1");
  }

  @Test
  void aRequestSentAsTextIsParsedTheSameWay() throws Exception {
    Request r = read("\"{\\\"controller\\\":\\\"server\\\",\\\"requestId\\\":\\\"t\\\"}\"");
    assertThat(new String(r.json(), StandardCharsets.UTF_8)).isEqualTo("{\"controller\":\"server\",\"requestId\":\"t\"}");
    assertThat(r.requestId()).isEqualTo("t");
  }

  @Test
  void unreadableTextIsPassedOnAsItIs() throws Exception {
    for (String text : List.of("{\\\"controller\\\": oops", "{} {}", "")) {
      Request r = read("\"" + text + "\"");
      assertThat(r.json()).isNull();
      assertThat(r.text()).isEqualTo(text.replace("\\\"", "\""));
      assertThat(r.idKind()).isEqualTo(RequestIdKind.UNUSABLE);
    }
  }

  @Test
  void requestIdsAreReadAsHeraldReadsThem() throws Exception {
    assertThat(read("{\"a\":1}").idKind()).isEqualTo(RequestIdKind.MISSING);
    assertThat(read("{\"requestId\":null}").idKind()).isEqualTo(RequestIdKind.MISSING);
    assertThat(read("{\"requestId\":7}").idKind()).isEqualTo(RequestIdKind.UNUSABLE);
    assertThat(read("{\"requestId\":{\"x\":\"y\"}}").idKind()).isEqualTo(RequestIdKind.UNUSABLE);
    assertThat(read("[1,2]").idKind()).isEqualTo(RequestIdKind.UNUSABLE);
    Request last = read("{\"requestId\":\"first\",\"requestId\":\"second\"}");
    assertThat(last.requestId()).isEqualTo("second");
    assertThat(read("{\"requestId\":\"first\",\"requestId\":null}").idKind()).isEqualTo(RequestIdKind.MISSING);
  }

  @Test
  void aMissingRequestIdIsAddedLast() throws Exception {
    assertThat(new String(read("{}").withRequestId("id-1").json(), StandardCharsets.UTF_8))
        .isEqualTo("{\"requestId\":\"id-1\"}");
    Request r = read("{\"a\":[1],\"requestId\":null}").withRequestId("id-2");
    assertThat(new String(r.json(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":[1],\"requestId\":null,\"requestId\":\"id-2\"}");
    assertThat(r.idKind()).isEqualTo(RequestIdKind.GIVEN);
    assertThat(r.requestId()).isEqualTo("id-2");
  }
}
