package dev.herald.examples.websocket;

import dev.herald.Herald;
import dev.herald.filter.Document;
import dev.herald.tck.TransportTestKit;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** A Jetty server on 127.0.0.1 and a free port, serving Herald's WebSocket protocol; and Jetty clients. */
public final class JettyFixture implements TransportTestKit.Fixture {
  private final Server server;
  private final WebSocketClient client = new WebSocketClient();
  final URI uri;

  JettyFixture(Herald herald) throws Exception {
    server = new Server(new InetSocketAddress("127.0.0.1", 0));
    server.setHandler(WebSocketUpgradeHandler.from(server,
        c -> HeraldWebSocket.map(c, "/", herald.gateway(), HeraldWebSocket.Options.DEFAULTS)));
    server.start();
    int port = ((NetworkConnector) server.getConnectors()[0]).getLocalPort();
    uri = URI.create("ws://127.0.0.1:" + port + "/");
    client.start();
  }

  @Override
  public ClientSession connect() throws Exception {
    ClientSession s = new ClientSession();
    client.connect(s, uri).get(10, TimeUnit.SECONDS);
    return s;
  }

  @Override
  public void close() throws Exception {
    client.stop();
    server.stop();
  }

  /** A client: every text frame received is queued; its route is its "room" member. */
  public static final class ClientSession implements Session.Listener.AutoDemanding, TransportTestKit.Session {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    volatile Session session;
    volatile int closeStatus = -1;

    @Override
    public void onWebSocketOpen(Session s) {
      session = s;
    }

    @Override
    public void onWebSocketText(String text) {
      texts.add(text);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      closeStatus = statusCode;
    }

    @Override
    public void send(String requestJson) {
      session.sendText(requestJson, Callback.NOOP);
    }

    String nextText(Duration timeout) throws InterruptedException {
      return texts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public TransportTestKit.Received receive(Duration timeout) throws Exception {
      String text = nextText(timeout);
      if (text == null) {
        return null;
      }
      Map<String, Object> json = new LinkedHashMap<>(Document.parse(text).content());
      Object room = json.remove("room");
      return new TransportTestKit.Received((String) room, json);
    }

    @Override
    public void close() {
      Session s = session;
      if (s != null && s.isOpen()) {
        s.close();
      }
    }
  }
}
