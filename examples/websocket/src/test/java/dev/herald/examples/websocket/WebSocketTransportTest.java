package dev.herald.examples.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.Herald;
import dev.herald.filter.Document;
import dev.herald.tck.TransportTestKit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Jetty WebSocket transport passes the transport test kit, and speaks Kuzzle's WebSocket details. */
class WebSocketTransportTest extends TransportTestKit {
  private JettyFixture fixture;

  @Override
  protected Fixture start(Herald herald) throws Exception {
    fixture = new JettyFixture(herald);
    return fixture;
  }

  @Test
  void applicationPingsAreAnswered() throws Exception {
    JettyFixture.ClientSession c = (JettyFixture.ClientSession) fixture.connect();
    c.send("{\"p\":1}");
    assertThat(c.nextText(TIMEOUT)).isEqualTo("{\"p\":2}");
    c.send("{ \"p\" : 1 }");
    assertThat(c.nextText(TIMEOUT)).isEqualTo("{\"p\":2}");
    c.close();
  }

  @Test
  void everyFrameCarriesItsRoomEvenErrorsOfUnreadableRequests() throws Exception {
    JettyFixture.ClientSession c = (JettyFixture.ClientSession) fixture.connect();
    c.send("not json at all");
    Map<String, Object> error = Document.parse(c.nextText(TIMEOUT)).content();
    assertThat(error.get("room")).isNotNull().isEqualTo(error.get("requestId"));
    assertThat(error.get("status")).isEqualTo(400L);
    c.close();
  }

  @Test
  void oversizedRequestsGetA413() throws Exception {
    JettyFixture.ClientSession c = (JettyFixture.ClientSession) fixture.connect();
    c.send("{\"controller\":\"server\",\"action\":\"now\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}");
    Map<String, Object> error = Document.parse(c.nextText(Duration.ofSeconds(20))).content();
    assertThat(error.get("status")).isEqualTo(413L);
    assertThat(((Map<?, ?>) error.get("error")).get("id")).isEqualTo("api.assert.request_too_large");
    c.close();
  }
}
