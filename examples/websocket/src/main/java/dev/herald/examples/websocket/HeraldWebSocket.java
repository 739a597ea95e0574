package dev.herald.examples.websocket;

import dev.herald.transport.Gateway;
import java.time.Duration;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Kuzzle's WebSocket protocol on Jetty 12, for a Jetty server you already run: one JSON request per
 * text frame; responses carry {@code room} = the request id, notifications {@code room} = the
 * channel, errors too; the application ping {@code {"p":1}} is answered {@code {"p":2}}, and
 * protocol pings by Jetty itself.
 *
 * <pre>{@code
 * Server server = new Server(new InetSocketAddress("localhost", 7512));
 * WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server,
 *     container -> HeraldWebSocket.map(container, "/", herald.gateway(), HeraldWebSocket.Options.DEFAULTS));
 * ws.setHandler(yourOtherHandlers);   // plain HTTP requests go on to them
 * server.setHandler(ws);
 * server.start();
 * }</pre>
 */
public final class HeraldWebSocket {
  private HeraldWebSocket() {}

  /**
   * WebSocket settings.
   *
   * @param idleTimeout a connection silent this long is closed (kuzzle-sdk pings every 2 s)
   * @param maxMessageBytes frames larger than this are refused by Jetty itself, closing the
   *     connection; keep it above Herald's {@code maxRequestSize} so that Herald answers oversized
   *     requests with a 413 error instead
   */
  public record Options(Duration idleTimeout, long maxMessageBytes) {
    public static final Options DEFAULTS = new Options(Duration.ofSeconds(60), 4L * 1024 * 1024);
  }

  /** Serves Herald's WebSocket protocol on {@code pathSpec} (Kuzzle clients connect to "/"). */
  public static void map(ServerWebSocketContainer container, String pathSpec, Gateway gateway, Options options) {
    container.setIdleTimeout(options.idleTimeout());
    container.setMaxTextMessageSize(options.maxMessageBytes());
    container.setMaxBinaryMessageSize(options.maxMessageBytes());
    container.addMapping(pathSpec, (request, response, callback) -> new WebSocketConnection(gateway));
  }
}
