package dev.herald.examples.websocket;

import dev.herald.transport.Connection;
import dev.herald.transport.Gateway;
import dev.herald.transport.OutboundFrame;
import dev.herald.transport.SendCompletion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket session: Jetty's listener on one side, Herald's {@link Connection} on the other.
 * Jetty calls the listener methods one at a time; {@link #send} may be called from any thread and
 * never blocks (Jetty queues the frame and calls back when it is written).
 */
public final class WebSocketConnection implements Session.Listener.AutoDemanding, Connection {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);
  private static final String PING = "{\"p\":1}";
  private static final String PONG = "{\"p\":2}";

  private final Gateway gateway;
  private final String id = UUID.randomUUID().toString();
  private final AtomicBoolean open = new AtomicBoolean();
  private volatile Session session;

  WebSocketConnection(Gateway gateway) {
    this.gateway = gateway;
  }

  // ---- Jetty's side --------------------------------------------------------------------------

  @Override
  public void onWebSocketOpen(Session s) {
    this.session = s;
    open.set(true);
    gateway.connected(this);
  }

  @Override
  public void onWebSocketText(String text) {
    if (isPing(text)) {
      session.sendText(PONG, Callback.NOOP);
      return;
    }
    gateway.received(this, text);
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    callback.succeed();
    gateway.received(this, bytes);
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    closed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.debug("WebSocket {} failed", id, cause);
    closed();
  }

  private void closed() {
    if (open.compareAndSet(true, false)) {
      gateway.disconnected(this);
    }
  }

  /** The application-level ping, {@code {"p":1}}, with or without spaces. */
  static boolean isPing(String text) {
    return text.length() <= 16 && text.replace(" ", "").equals(PING);
  }

  // ---- Herald's side -------------------------------------------------------------------------

  @Override
  public String id() {
    return id;
  }

  @Override
  public String protocol() {
    return "websocket";
  }

  @Override
  public void send(OutboundFrame frame, SendCompletion completion) {
    Session s = session;
    if (s == null || !s.isOpen()) {
      completion.completed(new IllegalStateException("WebSocket closed"));
      return;
    }
    s.sendText(frame.textWithRoom(), Callback.from(() -> completion.completed(null), completion::completed));
  }

  @Override
  public void close(String reason) {
    Session s = session;
    if (s != null) {
      // 1011, as Kuzzle for a client too slow: not a normal closure, so kuzzle-sdk reconnects.
      s.close(StatusCode.SERVER_ERROR, truncate(reason), Callback.NOOP);
    }
  }

  private static String truncate(String reason) {
    byte[] b = reason.getBytes(StandardCharsets.UTF_8);
    return b.length <= 120 ? reason : reason.substring(0, 60);
  }

  @Override
  public String toString() {
    return "WebSocket[" + id + "]";
  }
}
