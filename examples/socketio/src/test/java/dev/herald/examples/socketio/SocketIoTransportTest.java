package dev.herald.examples.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.Herald;
import dev.herald.tck.TransportTestKit;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * The transport test kit with Socket.IO clients as they connect by default (polling, then upgraded
 * to WebSocket), and the Socket.IO details: acknowledgements, requests sent as text, raw JSON.
 */
class SocketIoTransportTest extends TransportTestKit {
  private SioFixture fixture;

  @Override
  protected Fixture start(Herald herald) throws Exception {
    fixture = new SioFixture(herald.gateway(), "polling", "websocket");
    return fixture;
  }

  private SioFixture.Client client() throws Exception {
    return fixture.connect();
  }

  @Test
  void acknowledgementsAreAnsweredWithTheResponseWhichAlsoComesOnItsEvent() throws Exception {
    try (SioFixture.Client c = client()) {
      Object[] ack = c.sendWithAck("{\"controller\":\"server\",\"action\":\"now\",\"requestId\":\"sio-ack\"}")
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(ack).hasSize(1);
      assertThat(ack[0]).as("a JSON object, not a string").isInstanceOf(JSONObject.class);
      Map<String, Object> response = SioFixture.Client.json(ack[0]);
      assertThat(response).containsEntry("requestId", "sio-ack").containsEntry("status", 200L).doesNotContainKey("room");

      Received onEvent = c.receive(TIMEOUT);
      assertThat(onEvent.route()).isEqualTo("sio-ack");
      assertThat(onEvent.json()).isEqualTo(response);
    }
  }

  @Test
  void errorsAnswerAcknowledgementsToo() throws Exception {
    try (SioFixture.Client c = client()) {
      Object[] ack = c.sendWithAck("{\"controller\":\"nope\",\"action\":\"nothing\",\"requestId\":\"sio-404\"}")
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Map<String, Object> response = SioFixture.Client.json(ack[0]);
      assertThat(response).containsEntry("status", 404L).containsEntry("requestId", "sio-404");
      assertThat(c.receive(TIMEOUT).route()).isEqualTo("sio-404");
    }
  }

  @Test
  void aRequestWithoutRequestIdAskingForAnAcknowledgementIsGivenOne() throws Exception {
    try (SioFixture.Client c = client()) {
      Object[] ack = c.sendWithAck("{\"controller\":\"server\",\"action\":\"now\",\"requestId\":null}")
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Map<String, Object> response = SioFixture.Client.json(ack[0]);
      assertThat((String) response.get("requestId")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(response).containsEntry("status", 200L);
      assertThat(c.receive(TIMEOUT).route()).isEqualTo(response.get("requestId"));
    }
  }

  @Test
  void aRequestSentAsTextIsReadAsJson() throws Exception {
    try (SioFixture.Client c = client()) {
      c.socket.emit(SocketIoTransport.REQUEST_EVENT, "{\"controller\":\"server\",\"action\":\"now\",\"requestId\":\"sio-text\"}");
      Received r = c.receive(TIMEOUT);
      assertThat(r.route()).isEqualTo("sio-text");
      assertThat(r.json()).containsEntry("status", 200L);
    }
  }

  @Test
  void aRequestWithNoArgumentGetsAnError() throws Exception {
    try (SioFixture.Client c = client()) {
      c.socket.emit(SocketIoTransport.REQUEST_EVENT);
      Received r = c.receive(TIMEOUT);
      assertThat(r.json()).containsEntry("status", 400L);
      assertThat(r.route()).isEqualTo(r.json().get("requestId"));
    }
  }

  /** Herald does not read a request over its size limit: the error goes to an id Herald makes up. */
  @Test
  void oversizedRequestsGetA413() throws Exception {
    try (SioFixture.Client c = client()) {
      c.send("{\"controller\":\"server\",\"action\":\"now\",\"requestId\":\"sio-big\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}");
      Received r = c.receive(Duration.ofSeconds(20));
      assertThat(r.route()).isNotBlank().isEqualTo(r.json().get("requestId"));
      assertThat(r.json()).containsEntry("status", 413L);
      assertThat(r.error()).containsEntry("id", "api.assert.request_too_large");
    }
  }

  @Test
  void notificationsNameTheirProtocol() throws Exception {
    try (SioFixture.Client subscriber = client(); SioFixture.Client publisher = client()) {
      subscriber.send("{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\",\"collection\":\"c\","
          + "\"body\":{},\"requestId\":\"sio-sub\"}");
      String channel = (String) subscriber.receive(TIMEOUT).result().get("channel");
      publisher.send("{\"controller\":\"realtime\",\"action\":\"publish\",\"index\":\"i\",\"collection\":\"c\","
          + "\"body\":{\"foo\":\"bar\"},\"requestId\":\"sio-pub\"}");
      Received n = subscriber.receive(TIMEOUT);
      assertThat(n.route()).isEqualTo(channel);
      assertThat(n.json()).containsEntry("protocol", "socketio").doesNotContainKey("room");
    }
  }
}
