package dev.herald.examples.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.Herald;
import dev.herald.tck.TransportTestKit.Received;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Herald's slow-consumer policy through the Socket.IO transport: a subscriber that stops reading
 * holds its frames' completions, its outbox fills, and Herald disconnects it, while another
 * subscriber of the same channel gets every notification.
 */
class SocketIoSlowConsumerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Herald herald = Herald.builder().outboxCapacity(64).maxInFlight(8).build();
  private SioFixture fixture;

  @AfterEach
  void stop() {
    try {
      if (fixture != null) {
        fixture.close();
      }
    } finally {
      herald.close();
    }
  }

  @Test
  void aSubscriberThatStopsReadingIsDisconnectedAndTheOthersGetEverything() throws Exception {
    fixture = new SioFixture(herald.gateway(), "websocket");
    String subscribe = "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\",\"collection\":\"c\","
        + "\"body\":{},\"requestId\":\"sub\"}";

    // The slow subscriber speaks Engine.IO 4 by hand, and reads nothing after its subscription's answer.
    StopReading slow = new StopReading(3);
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + fixture.uri.getPort() + "/socket.io/?EIO=4&transport=websocket"), slow)
        .get(10, TimeUnit.SECONDS);
    assertThat(slow.next()).startsWith("0{");
    ws.sendText("40", true);
    assertThat(slow.next()).startsWith("40{");
    ws.sendText("42[\"kuzzle\"," + subscribe + "]", true);
    assertThat(slow.next()).startsWith("42[\"sub\",{");

    try (SioFixture.Client fast = fixture.connect(); SioFixture.Client publisher = fixture.connect()) {
      fast.send(subscribe);
      String channel = (String) fast.receive(TIMEOUT).result().get("channel");
      assertThat(herald.stats().subscriptions()).isEqualTo(2);

      int notifications = 400; // 26 MB: more than the socket buffers and the outbox hold
      String padding = "x".repeat(64 * 1024);
      // One at a time, as fast as the fast subscriber reads: its outbox never fills, however loaded the machine.
      for (int n = 0; n < notifications; n++) {
        publisher.send("{\"controller\":\"realtime\",\"action\":\"publish\",\"index\":\"i\",\"collection\":\"c\","
            + "\"requestId\":\"p" + n + "\",\"body\":{\"n\":" + n + ",\"pad\":\"" + padding + "\"}}");
        Received r = fast.receive(TIMEOUT);
        assertThat(r).as("notification %d", n).isNotNull();
        assertThat(r.route()).isEqualTo(channel);
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) r.result().get("_source");
        assertThat(source.get("n")).isEqualTo((long) n);
      }

      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (herald.stats().slowConsumersDisconnected() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(herald.stats().slowConsumersDisconnected()).isEqualTo(1);
      assertThat(herald.stats().subscriptions()).isEqualTo(1);
    } finally {
      ws.abort();
    }
  }

  /** Reads the first {@code messages} text messages, then nothing. */
  private static final class StopReading implements WebSocket.Listener {
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private int left;

    StopReading(int messages) {
      this.left = messages;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
        left--;
      }
      if (left > 0) {
        ws.request(1);
      }
      return null;
    }

    String next() throws InterruptedException {
      return texts.poll(10, TimeUnit.SECONDS);
    }
  }
}
