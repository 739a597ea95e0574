package dev.herald.examples.socketio;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.scheduler.CancelableScheduler;
import dev.herald.examples.socketio.SocketIoJson.Request;
import dev.herald.transport.Gateway;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kuzzle 1.x's Socket.IO protocol on netty-socketio, for socket.io-client 2.x (Engine.IO 3) and
 * 4.x (Engine.IO 4, which 3.x speaks too), over polling, WebSocket, and polling upgraded:
 * <ul>
 *   <li>a client emits each request, a JSON object, on the event {@code kuzzle};
 *   <li>the response comes on the event named after its {@code requestId} (errors too), and also
 *       as the acknowledgement when the client asked for one ({@code emit("kuzzle", req, ack)};
 *       a request without {@code requestId} is then given one);
 *   <li>each notification comes on the event named after its channel;
 *   <li>responses and notifications are JSON objects, without Kuzzle's WebSocket {@code room}
 *       member: the bytes Herald serialized once per channel, sent raw.
 * </ul>
 *
 * <pre>{@code
 * SocketIoTransport sio = SocketIoTransport.start(new InetSocketAddress("127.0.0.1", 7513), herald.gateway());
 * // a client: socket = io("http://127.0.0.1:7513"); socket.on(requestId, response => ...);
 * //           socket.emit("kuzzle", {controller: "realtime", action: "subscribe", ..., requestId});
 * sio.close();   // before herald.close()
 * }</pre>
 *
 * <p>A request the client sends as a string is taken as the request's JSON text. A request Herald
 * cannot read at all (unreadable JSON, or over its {@code maxRequestSize}) is answered on an id
 * Herald makes up: the client sees that error only by listening to every event ({@code onAny}), and
 * its acknowledgement is not answered. netty-socketio refuses a polling request or a WebSocket
 * message above {@link Options#maxMessageBytes()} by itself, and drops a packet it cannot decode.
 * See {@link SocketIoConnection} for how writes are reported to Herald, and {@link SocketIoPipeline}
 * for what is fixed in netty-socketio's polling.
 *
 * <p>Thread-safety: netty-socketio calls the transport from its event loops; {@link #close} may be
 * called from any thread.
 */
public final class SocketIoTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SocketIoTransport.class);
  /** The event clients emit their requests on, as with Kuzzle 1.x. */
  public static final String REQUEST_EVENT = "kuzzle";
  /** Time for the frames written last (the closes) to leave before the event loops stop. */
  private static final long SHUTDOWN_QUIET_MILLIS = 100;
  private static final long SHUTDOWN_TIMEOUT_MILLIS = 2000;

  /**
   * Socket.IO settings.
   *
   * @param path where clients connect ({@code io(url, {path})}); Kuzzle 1.x used the default
   * @param maxMessageBytes the largest polling request body and WebSocket message accepted; keep it
   *     above Herald's {@code maxRequestSize} so that Herald answers oversized requests with a 413
   * @param pingInterval how often the server pings (Engine.IO 4) or expects pings (Engine.IO 3)
   * @param pingTimeout how long past {@code pingInterval} a silent client is kept; a polling
   *     client that vanishes is noticed only then
   */
  public record Options(String path, int maxMessageBytes, Duration pingInterval, Duration pingTimeout) {
    public static final Options DEFAULTS =
        new Options("/socket.io", 4 * 1024 * 1024, Duration.ofSeconds(25), Duration.ofSeconds(20));

    public Options {
      Objects.requireNonNull(path, "path");
      if (maxMessageBytes <= 0) {
        throw new IllegalArgumentException("maxMessageBytes must be positive");
      }
      if (pingInterval.isNegative() || pingInterval.isZero() || pingTimeout.isNegative() || pingTimeout.isZero()) {
        throw new IllegalArgumentException("pingInterval and pingTimeout must be positive");
      }
    }
  }

  private final SocketIOServer server;
  private final Gateway gateway;
  private final Map<UUID, SocketIoConnection> connections = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile int port;

  private SocketIoTransport(SocketIOServer server, Gateway gateway) {
    this.server = server;
    this.gateway = gateway;
  }

  /** Listens on {@code address} (port 0: any free port) and serves Herald through {@code gateway}. */
  public static SocketIoTransport start(InetSocketAddress address, Gateway gateway) throws IOException {
    return start(address, gateway, Options.DEFAULTS);
  }

  /** Listens on {@code address} (port 0: any free port) and serves Herald through {@code gateway}. */
  public static SocketIoTransport start(InetSocketAddress address, Gateway gateway, Options options)
      throws IOException {
    Configuration config = new Configuration();
    config.setHostname(address.getHostString());
    config.setPort(address.getPort());
    config.setContext(options.path());
    config.setJsonSupport(SocketIoJson.support());
    // Acknowledgements are answered with the response, once Herald has it (the default answers at once, empty).
    config.setAckMode(AckMode.MANUAL);
    config.setMaxHttpContentLength(options.maxMessageBytes());
    config.setMaxFramePayloadLength(options.maxMessageBytes());
    config.setPingInterval(Math.toIntExact(options.pingInterval().toMillis()));
    config.setPingTimeout(Math.toIntExact(options.pingTimeout().toMillis()));
    config.setAddVersionHeader(false);

    SocketIOServer server = new SocketIOServer(config);
    SocketIoTransport transport = new SocketIoTransport(server, gateway);
    releaseDefaultPipeline(server);
    server.setPipelineFactory(new SocketIoPipeline(transport::clientHead));
    server.addConnectListener(transport::connected);
    server.addDisconnectListener(transport::disconnected);
    server.addEventListener(REQUEST_EVENT, Request.class, transport::request);

    Future<Void> bound = server.startAsync().awaitUninterruptibly();
    if (!bound.isSuccess()) {
      server.stop();
      throw new IOException("Socket.IO server could not listen on " + address, bound.cause());
    }
    // startAsync returns the bind's ChannelFuture, the only place the port actually bound is known.
    if (bound instanceof ChannelFuture bind && bind.channel().localAddress() instanceof InetSocketAddress local) {
      transport.port = local.getPort();
    } else if (address.getPort() != 0) {
      transport.port = address.getPort();
    } else {
      transport.close();
      throw new IOException("the port netty-socketio bound is unknown");
    }
    LOG.info("Socket.IO transport listening on {}:{}{}", address.getHostString(), transport.port, options.path());
    return transport;
  }

  /**
   * SocketIOServer makes a default pipeline factory, with a Netty timer, before setPipelineFactory
   * can replace it; never started nor stopped, that timer is reported as a leak once collected
   * (netty-socketio issues 499 and 741). Its fields are private: reflection, or a log line.
   */
  private static void releaseDefaultPipeline(SocketIOServer server) {
    try {
      Field factory = SocketIOServer.class.getDeclaredField("pipelineFactory");
      factory.setAccessible(true);
      Field scheduler = SocketIOChannelInitializer.class.getDeclaredField("scheduler");
      scheduler.setAccessible(true);
      ((CancelableScheduler) scheduler.get(factory.get(server))).shutdown();
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("netty-socketio's default pipeline factory is left as it is", e);
    }
  }

  /** The port listened on (the one chosen when started with port 0). */
  public int port() {
    return port;
  }

  private ClientHead clientHead(UUID session) {
    SocketIoConnection connection = connections.get(session);
    return connection == null ? null : connection.head();
  }

  private void connected(SocketIOClient client) {
    SocketIoConnection connection = new SocketIoConnection(client, gateway);
    connections.put(client.getSessionId(), connection);
    LOG.debug("{} connected over {} (Engine.IO {})", connection, client.getTransport(), client.getEngineIOVersion());
    gateway.connected(connection);
  }

  private void disconnected(SocketIOClient client) {
    SocketIoConnection connection = connections.remove(client.getSessionId());
    if (connection != null) {
      connection.disconnected();
    }
  }

  private void request(SocketIOClient client, Request request, AckRequest ack) {
    SocketIoConnection connection = connections.get(client.getSessionId());
    if (connection == null) {
      LOG.debug("a request from {}, which is not connected, is dropped", client.getSessionId());
      return;
    }
    connection.received(request == null ? Request.NONE : request, ack);
  }

  /** Disconnects every client (each is reported disconnected), then stops the server. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (SocketIoConnection c : connections.values()) {
      c.close("server stopping");
    }
    shortenShutdown(server);
    server.stop();
  }

  /**
   * SocketIOServer.stop() shuts its two event loop groups down one after the other, each with Netty's
   * default two-second quiet period: four seconds to stop an idle server. Every client is closed by
   * now, so both groups are asked to stop together with a short quiet period; stop() then only waits
   * for them. The fields are private: reflection, or the slow stop.
   */
  private static void shortenShutdown(SocketIOServer server) {
    for (String name : new String[] {"bossGroup", "workerGroup"}) {
      try {
        Field field = SocketIOServer.class.getDeclaredField(name);
        field.setAccessible(true);
        if (field.get(server) instanceof EventLoopGroup group) {
          group.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.debug("netty-socketio's {} stops at its own pace", name, e);
      }
    }
  }
}
