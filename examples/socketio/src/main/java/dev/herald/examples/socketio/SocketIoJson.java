package dev.herald.examples.socketio;

import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.herald.transport.OutboundFrame;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How Herald's JSON crosses netty-socketio's Jackson layer. Outgoing, a {@link RawFrame} event
 * argument is written as the frame's own UTF-8 bytes, raw: the bytes serialized once per channel go
 * out as they are, never decoded and re-encoded, and clients still receive a JSON object (not a
 * string). Incoming, the argument of a {@code kuzzle} event is streamed token by token into compact
 * JSON bytes for {@link dev.herald.transport.Gateway#received}, with no intermediate map and with
 * every number's exact value.
 *
 * <p>Thread-safe: the module's serializers are stateless.
 */
final class SocketIoJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private SocketIoJson() {}

  /** netty-socketio's Jackson support, with Herald's raw frames and requests registered. */
  static JsonSupport support() {
    SimpleModule module = new SimpleModule("herald-socketio");
    module.addSerializer(RawFrame.class, new RawFrameSerializer());
    module.addDeserializer(Request.class, new RequestDeserializer());
    return new JacksonJsonSupport(module);
  }

  /**
   * One event argument: a frame's JSON, written raw. {@code onEncoded} (may be null) runs on the
   * Netty event loop each time the argument is serialized into an outgoing packet.
   */
  record RawFrame(OutboundFrame frame, Runnable onEncoded) {}

  private static final class RawFrameSerializer extends StdSerializer<RawFrame> {
    private static final long serialVersionUID = 1L;

    RawFrameSerializer() {
      super(RawFrame.class);
    }

    @Override
    public void serialize(RawFrame value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeRawValue(new RawUtf8(value.frame()));
      if (value.onEncoded() != null) {
        value.onEncoded().run();
      }
    }
  }

  /**
   * The frame's bytes as a {@link SerializableString}: a byte-based generator (netty-socketio writes
   * to a stream) copies them with {@link #appendUnquotedUTF8} or {@link #asUnquotedUTF8}; a
   * character-based one would take the frame's cached text.
   */
  private static final class RawUtf8 implements SerializableString {
    private final OutboundFrame frame;

    RawUtf8(OutboundFrame frame) {
      this.frame = frame;
    }

    @Override
    public String getValue() {
      return frame.text();
    }

    @Override
    public int charLength() {
      return frame.text().length();
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
      byte[] json = frame.json();
      if (offset + json.length > buffer.length) {
        return -1;
      }
      System.arraycopy(json, 0, buffer, offset, json.length);
      return json.length;
    }

    @Override
    public byte[] asUnquotedUTF8() {
      return frame.json(); // Jackson copies it; the frame's bytes are shared and never modified
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
      out.write(frame.json());
      return frame.json().length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
      String text = frame.text();
      if (offset + text.length() > buffer.length) {
        return -1;
      }
      text.getChars(0, text.length(), buffer, offset);
      return text.length();
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
      byte[] json = frame.json();
      if (json.length > buffer.remaining()) {
        return -1;
      }
      buffer.put(json);
      return json.length;
    }

    // The quoted forms (the frame as a JSON string) are never what a raw value asks for.

    @Override
    public char[] asQuotedChars() {
      throw quotedForm();
    }

    @Override
    public byte[] asQuotedUTF8() {
      throw quotedForm();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
      throw quotedForm();
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
      throw quotedForm();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
      throw quotedForm();
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
      throw quotedForm();
    }

    private static UnsupportedOperationException quotedForm() {
      return new UnsupportedOperationException("a raw JSON frame is never written as a string");
    }

    @Override
    public String toString() {
      return frame.text();
    }
  }

  /** What a request's {@code requestId} is, as far as the transport can tell before Herald reads it. */
  enum RequestIdKind {
    /** A string: Herald answers on it. */
    GIVEN,
    /** Absent or null: Herald would make one up, so the transport may add its own instead. */
    MISSING,
    /** Anything else (a number, an object, or no JSON object at all): left to Herald. */
    UNUSABLE
  }

  /**
   * The argument of a {@code kuzzle} event: compact JSON bytes, or the text the client sent when it
   * is not readable JSON (Herald answers it with an error).
   */
  record Request(byte[] json, String text, RequestIdKind idKind, String requestId) {
    static final Request NONE = new Request(null, "null", RequestIdKind.UNUSABLE, null);

    static Request unreadable(String text) {
      return new Request(null, text, RequestIdKind.UNUSABLE, null);
    }

    /** This request with {@code "requestId": id} as its last member (Herald keeps the last one). */
    Request withRequestId(String id) {
      if (idKind != RequestIdKind.MISSING) {
        throw new IllegalStateException("the request has a requestId of its own");
      }
      // json is compact and ends with '}' (written by RequestDeserializer); ids are made of [0-9a-f-].
      byte[] member = ((json.length == 2 ? "" : ",") + "\"requestId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
      byte[] out = Arrays.copyOf(json, json.length - 1 + member.length);
      System.arraycopy(member, 0, out, json.length - 1, member.length);
      return new Request(out, null, RequestIdKind.GIVEN, id);
    }

    @Override
    public String toString() {
      return json != null ? new String(json, StandardCharsets.UTF_8) : text;
    }
  }

  /**
   * Reads one event argument. Clients emit the request as an object, which is copied; a string is
   * taken as the request's JSON text (parsed the same way, or passed on as it is when unreadable).
   */
  private static final class RequestDeserializer extends StdDeserializer<Request> {
    private static final long serialVersionUID = 1L;

    RequestDeserializer() {
      super(Request.class);
    }

    @Override
    public Request deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return copy(p);
      }
      String text = p.getText();
      try (JsonParser inner = FACTORY.createParser(text)) {
        if (inner.nextToken() == null) {
          return Request.unreadable(text);
        }
        Request request = copy(inner);
        return inner.nextToken() == null ? request : Request.unreadable(text);
      } catch (JsonProcessingException e) {
        return Request.unreadable(text);
      }
    }

    private static Request copy(JsonParser p) throws IOException {
      ByteArrayBuilder out = new ByteArrayBuilder(256);
      RequestIdKind idKind = RequestIdKind.UNUSABLE;
      String requestId = null;
      try (JsonGenerator g = FACTORY.createGenerator(out)) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          g.copyCurrentStructureExact(p);
        } else {
          idKind = RequestIdKind.MISSING;
          g.writeStartObject();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            g.writeFieldName(name);
            JsonToken value = p.nextToken();
            if (name.equals("requestId")) { // the last one wins, as in Herald
              requestId = value == JsonToken.VALUE_STRING ? p.getText() : null;
              idKind = value == JsonToken.VALUE_STRING ? RequestIdKind.GIVEN
                  : value == JsonToken.VALUE_NULL ? RequestIdKind.MISSING : RequestIdKind.UNUSABLE;
            }
            g.copyCurrentStructureExact(p);
          }
          g.writeEndObject();
        }
      }
      return new Request(out.toByteArray(), null, idKind, requestId);
    }
  }
}
