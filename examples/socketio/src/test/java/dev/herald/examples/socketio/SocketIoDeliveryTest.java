package dev.herald.examples.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.transport.Connection;
import dev.herald.transport.Gateway;
import dev.herald.transport.OutboundFrame;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the transport tells Herald about writes: a frame completes once written to a WebSocket, or
 * once carried by an answer to a poll; a client that does not read (or does not poll) holds its
 * frames; and frames still pending when it goes complete with a failure. The transport runs here
 * without Herald, in front of a gateway that records what it is told; the slow clients speak
 * Engine.IO 4 by hand, with the JDK's HTTP and WebSocket clients.
 */
class SocketIoDeliveryTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final RecordingGateway gateway = new RecordingGateway();
  private SocketIoTransport transport;
  private String base;

  @BeforeEach
  void start() throws Exception {
    transport = SocketIoTransport.start(new InetSocketAddress("127.0.0.1", 0), gateway);
    base = "127.0.0.1:" + transport.port() + "/socket.io/?EIO=4&transport=";
  }

  @AfterEach
  void stop() {
    transport.close();
  }

  /** Records the connections and frames it is told about. */
  private static final class RecordingGateway implements Gateway {
    final BlockingQueue<Connection> connected = new LinkedBlockingQueue<>();
    final BlockingQueue<Connection> disconnected = new LinkedBlockingQueue<>();

    @Override
    public void connected(Connection connection) {
      connected.add(connection);
    }

    @Override
    public void received(Connection connection, byte[] frame) {}

    @Override
    public void received(Connection connection, String frame) {}

    @Override
    public void disconnected(Connection connection) {
      disconnected.add(connection);
    }

    Connection nextConnected() throws InterruptedException {
      Connection c = connected.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(c).as("a connection").isNotNull();
      return c;
    }
  }

  /** Counts completions; keeps failures. */
  private static final class Completions {
    final AtomicInteger succeeded = new AtomicInteger();
    final ConcurrentLinkedQueue<Throwable> failed = new ConcurrentLinkedQueue<>();

    void send(Connection c, OutboundFrame frame) {
      c.send(frame, failure -> {
        if (failure == null) {
          succeeded.incrementAndGet();
        } else {
          failed.add(failure);
        }
      });
    }

    void awaitSucceeded(int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (succeeded.get() < n && failed.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(failed).isEmpty();
      assertThat(succeeded).hasValue(n);
    }
  }

  private static OutboundFrame notification(int n, int padding) {
    String json = "{\"n\":" + n + ",\"pad\":\"" + "x".repeat(padding) + "\"}";
    return OutboundFrame.notification("chan", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aWebSocketFrameCompletesOnceWrittenAndFailsOnceTheClientIsGone() throws Exception {
    SioFixture fixture = new SioFixture(gateway, "websocket");
    try (SioFixture.Client client = fixture.connect()) {
      Connection c = gateway.nextConnected();
      assertThat(c.protocol()).isEqualTo("socketio");

      CompletableFuture<Throwable> written = new CompletableFuture<>();
      c.send(OutboundFrame.response("r-1", "{\"status\":200}".getBytes(StandardCharsets.UTF_8)), written::complete);
      assertThat(written.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNull();
      Object[] event = client.nextEvent(TIMEOUT);
      assertThat(event[0]).isEqualTo("r-1");
      assertThat(event[1]).isInstanceOf(JSONObject.class);

      client.socket.disconnect();
      assertThat(gateway.disconnected.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isSameAs(c);
      CompletableFuture<Throwable> refused = new CompletableFuture<>();
      c.send(OutboundFrame.response("r-2", "{}".getBytes(StandardCharsets.UTF_8)), refused::complete);
      assertThat(refused.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ClosedChannelException.class);
    } finally {
      fixture.close();
    }
  }

  @Test
  void aPollingClientGetsItsFramesWithItsPollsFiftyAtATimeInOrderNoneLost() throws Exception {
    String open = get("http://" + base + "polling");
    Matcher sid = Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(open);
    assertThat(sid.find()).as("an open packet: %s", open).isTrue();
    String session = "http://" + base + "polling&sid=" + sid.group(1);
    Connection c = gateway.nextConnected();
    assertThat(post(session, "40")).isEqualTo("ok");
    assertThat(get(session)).startsWith("40{");

    Completions completions = new Completions();
    for (int i = 0; i < 120; i++) {
      completions.send(c, notification(i, 10));
    }
    Thread.sleep(300);
    assertThat(completions.succeeded).as("no poll, no write").hasValue(0);

    List<JSONObject> received = new ArrayList<>();
    int[] completedAfterPoll = new int[3];
    for (int poll = 0; poll < 3; poll++) {
      for (String packet : get(session).split("\u001e")) {
        assertThat(packet).startsWith("42[\"chan\",{");
        received.add(new org.json.JSONArray(packet.substring(2)).getJSONObject(1));
      }
      completedAfterPoll[poll] = completions.succeeded.get();
    }
    assertThat(completedAfterPoll).containsExactly(50, 100, 120);
    assertThat(received).hasSize(120);
    for (int i = 0; i < 120; i++) {
      assertThat(received.get(i).getInt("n")).isEqualTo(i);
    }
    assertThat(completions.failed).isEmpty();
  }

  @Test
  void framesPendingForAPollingClientThatLeavesFail() throws Exception {
    String open = get("http://" + base + "polling");
    Matcher sid = Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(open);
    assertThat(sid.find()).isTrue();
    String session = "http://" + base + "polling&sid=" + sid.group(1);
    Connection c = gateway.nextConnected();
    assertThat(post(session, "40")).isEqualTo("ok");
    assertThat(get(session)).startsWith("40{");

    Completions completions = new Completions();
    completions.send(c, notification(0, 10));
    completions.send(c, notification(1, 10));
    assertThat(post(session, "41")).isEqualTo("ok"); // the client disconnects without polling again
    assertThat(gateway.disconnected.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isSameAs(c);
    assertThat(completions.failed).hasSize(2).allMatch(f -> f instanceof ClosedChannelException);
    assertThat(completions.succeeded).hasValue(0);
  }

  @Test
  void aWebSocketClientThatStopsReadingHoldsItsFramesUntilItReadsAgain() throws Exception {
    SlowReader reader = new SlowReader();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://" + base + "websocket"), reader)
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(reader.texts.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).startsWith("0{");
    ws.sendText("40", true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(reader.texts.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).startsWith("40{");
    Connection c = gateway.nextConnected();

    // 25 MiB, far more than the socket buffers hold: the client reads nothing more for now.
    int frames = 400;
    Completions completions = new Completions();
    for (int i = 0; i < frames; i++) {
      completions.send(c, notification(i, 64 * 1024));
    }
    Thread.sleep(1000);
    int whileNotReading = completions.succeeded.get();
    assertThat(whileNotReading).as("frames written while the client does not read").isLessThan(frames / 2);

    reader.readAll(ws);
    completions.awaitSucceeded(frames);
    for (int i = 0; i < frames; i++) {
      String text = reader.texts.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(text).startsWith("42[\"chan\",{\"n\":" + i + ",");
    }
    ws.abort();
  }

  /** Reads the open packet and the connect answer, then nothing until {@link #readAll}. */
  private static final class SlowReader implements WebSocket.Listener {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private int messages; // the JDK calls a listener one call at a time

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages++;
        if (!partial.toString().equals("2")) { // Engine.IO pings are answered by nobody here: the test is short
          texts.add(partial.toString());
        }
        partial.setLength(0);
      }
      if (messages < 2) {
        ws.request(1);
      }
      return null;
    }

    void readAll(WebSocket ws) {
      ws.request(Long.MAX_VALUE);
    }
  }

  // netty-socketio closes the connection after each answer, yet says keep-alive: a client per request.
  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String post(String url, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
            .header("Content-Type", "text/plain;charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
