package dev.herald.examples.socketio;

import dev.herald.filter.Document;
import dev.herald.tck.TransportTestKit;
import dev.herald.transport.Gateway;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * The Socket.IO transport on 127.0.0.1 and a free port, and clients of socket.io-client-java 2.x
 * (Engine.IO 4) restricted to the given Engine.IO transports.
 */
final class SioFixture implements TransportTestKit.Fixture {
  private final SocketIoTransport transport;
  private final String[] transports;
  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(1, TimeUnit.MINUTES).build();
  final URI uri;

  SioFixture(Gateway gateway, String... transports) throws Exception {
    this.transport = SocketIoTransport.start(new InetSocketAddress("127.0.0.1", 0), gateway);
    this.transports = transports;
    this.uri = URI.create("http://127.0.0.1:" + transport.port());
  }

  @Override
  public Client connect() throws Exception {
    IO.Options options = IO.Options.builder()
        .setForceNew(true)
        .setReconnection(false)
        .setTransports(transports)
        .build();
    options.callFactory = http;
    options.webSocketFactory = http;
    return new Client(IO.socket(uri, options));
  }

  @Override
  public void close() {
    transport.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** A client; every event received is queued with its name as the route. */
  static final class Client implements TransportTestKit.Session {
    final Socket socket;
    private final BlockingQueue<Object[]> events = new LinkedBlockingQueue<>();

    Client(Socket socket) throws Exception {
      this.socket = socket;
      CompletableFuture<Void> connected = new CompletableFuture<>();
      socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
      socket.once(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
          new IllegalStateException("Socket.IO connection failed: " + (args.length > 0 ? args[0] : "?"))));
      socket.onAnyIncoming(events::add);
      socket.connect();
      connected.get(10, TimeUnit.SECONDS);
    }

    /** Emits the request on {@code kuzzle} as an object, as clients do; text that is no JSON object, as a string. */
    @Override
    public void send(String requestJson) {
      socket.emit(SocketIoTransport.REQUEST_EVENT, argument(requestJson));
    }

    /** Emits the request asking for an acknowledgement; the future gets the acknowledgement's arguments. */
    CompletableFuture<Object[]> sendWithAck(String requestJson) {
      CompletableFuture<Object[]> answered = new CompletableFuture<>();
      socket.emit(SocketIoTransport.REQUEST_EVENT, new Object[] {argument(requestJson)}, (Ack) answered::complete);
      return answered;
    }

    private static Object argument(String json) {
      try {
        return new JSONObject(json);
      } catch (JSONException e) {
        return json;
      }
    }

    /** The next event (name first, then its arguments as the client decoded them), or null. */
    Object[] nextEvent(Duration timeout) throws InterruptedException {
      return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public TransportTestKit.Received receive(Duration timeout) throws Exception {
      Object[] event = nextEvent(timeout);
      if (event == null) {
        return null;
      }
      if (event.length != 2 || !(event[1] instanceof JSONObject)) {
        throw new AssertionError("expected an event with one JSON object argument, got " + java.util.Arrays.toString(event));
      }
      return new TransportTestKit.Received((String) event[0], json(event[1]));
    }

    static Map<String, Object> json(Object decoded) {
      return Document.parse(decoded.toString()).content();
    }

    @Override
    public void close() {
      socket.disconnect();
    }
  }
}
