package dev.herald.examples.mqtt;

import dev.herald.transport.ChannelFanout;
import dev.herald.transport.Connection;
import dev.herald.transport.Gateway;
import dev.herald.transport.OutboundFrame;
import io.moquette.BrokerConstants;
import io.moquette.broker.ClientDescriptor;
import io.moquette.broker.RoutingResults;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kuzzle's MQTT protocol on an embedded Moquette 0.17 broker (MQTT 3.1.1; Moquette refuses MQTT 5):
 * each MQTT client is a Herald connection, from its CONNECT until it disconnects or its link is
 * lost, and the broker's topics fan notifications out natively.
 *
 * <pre>{@code
 * MqttTransport mqtt = MqttTransport.builder(herald.gateway())
 *     .port(1883)                                   // on 127.0.0.1 unless host(...) says otherwise
 *     .authenticator((clientId, username, password) -> isTokenOf(username, password))  // optional
 *     .start();                                     // strict access with an authenticator, open without
 * // ... mqtt.close() before herald.close()
 * }</pre>
 *
 * <p><b>Topics.</b> Both conventions are served at once:
 * <ul>
 *   <li>the seed's (Kuzzle before 1.0): requests published on {@code kuzzle}, responses on
 *       {@code mqtt.<clientId>}, the client's MQTT client id;
 *   <li>Kuzzle 2's: requests on {@code Kuzzle/request}, responses on {@code Kuzzle/response}. MQTT has
 *       no way to publish to one subscriber of a topic, so every listener of {@code Kuzzle/response}
 *       receives every response and picks its own by {@code requestId}. That topic is therefore
 *       served in {@linkplain Access#OPEN open} mode only; in {@linkplain Access#STRICT strict} mode
 *       requests on {@code Kuzzle/request} are answered on {@code mqtt.<clientId>}.
 * </ul>
 * A notification is published once on the topic named after its channel (the {@code channel} of the
 * subscribe response), to which the client subscribes after {@code realtime:subscribe}, as in Kuzzle;
 * a notification published before that subscription is done does not reach it (what Herald answers
 * while handling a client's request is published once it has handled it, so a subscriber never hears
 * of its own entering). Payloads are Herald's
 * JSON as it is, without a {@code room} member. {@code TokenExpired} goes to the client's own
 * {@code mqtt.<clientId>}, in both modes and whatever convention it uses. Herald's messages are
 * published at QoS 0, as Kuzzle does: the broker drops them for a client that stops reading.
 *
 * <p><b>Access.</b> Channel names are predictable, so the broker checks every subscription (see
 * {@link Access}). In both modes a client may publish on the request topics only: publishing
 * anywhere else disconnects it, as in Kuzzle. In strict mode a client may subscribe to its own
 * {@code mqtt.<clientId>} and to the channels that a connection of the same user subscribed to
 * through Herald. The user is the MQTT username when the broker has an {@link MqttAuthenticator}
 * (every client must then log in), otherwise the MQTT client id itself.
 *
 * <p><b>Leaving a channel.</b> Moquette 0.17 has no way to remove one client's subscription from the
 * server side (its API offers publishing, and disconnecting a client). When Herald takes a channel
 * away from a connection (unsubscribe, token expiry) while that client still listens to the
 * channel's topic, the transport disconnects it once the response (or the TokenExpired) is
 * published. A client that unsubscribes from the topic before sending {@code realtime:unsubscribe}
 * keeps its link. In strict mode, once no connection of a user is on a channel any more, the user's
 * other clients listening to it are disconnected too.
 *
 * <p><b>Ends of links.</b> A disconnect, clean or not, ends the Herald connection: its subscriptions
 * are removed. MQTT sessions end with their links ("clean session" or not), so nothing of a client
 * survives it. A client that keeps Herald subscriptions must therefore stay connected (with the
 * command-line client, {@code mqtt pub -s -M} sends one request per line of its standard input).
 *
 * <p><b>The broker</b> listens on the given host (127.0.0.1 by default) and never connects out:
 * telemetry, WebSocket, TLS, persistence, metrics and error reporting are off. It logs through
 * SLF4J, one INFO line per message it publishes for Herald: set the {@code io.moquette} loggers to
 * WARN.
 *
 * <p><b>Known limits.</b> A client still listening to a channel when Herald takes it away may receive
 * the user "out" notification of its own leaving before its link ends. Moquette 0.17 marks a link
 * connected in a listener of its CONNACK write, which may run after a SUBSCRIBE sent at once has
 * been read: it then drops the link ("SUBSCRIBE received on already closed connection"); a client
 * that reconnects, as mqtt.js does by default, recovers.
 *
 * <p>Thread-safety: thread-safe. Requests reach Herald on the broker's interceptor thread, one at a
 * time and in order.
 */
public final class MqttTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttTransport.class);
  /** The client id Herald's own publications are made under. */
  private static final String PUBLISHER_ID = "herald";
  /** Longest wait for a response before a client that must stop listening is disconnected anyway. */
  private static final Duration CLOSE_AFTER_RESPONSE_TIMEOUT = Duration.ofSeconds(1);
  private static final int PORT_ATTEMPTS = 3;
  /** Time for the last frames written to leave before the broker's event loops stop. */
  private static final long SHUTDOWN_QUIET_MILLIS = 100;
  private static final long SHUTDOWN_TIMEOUT_MILLIS = 2000;

  private final Gateway gateway;
  private final TopicPolicy policy;
  private final String host;
  private final ChannelFanout fanout = new Fanout();
  private final ConcurrentHashMap<String, MqttConnection> clients = new ConcurrentHashMap<>();
  private final ThreadLocal<MqttConnection> handling = new ThreadLocal<>();
  private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "herald-mqtt-closer");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Server broker;
  private volatile int port;

  private MqttTransport(Builder b) {
    this.gateway = b.gateway;
    this.host = b.host;
    Access access = b.access != null ? b.access : b.authenticator != null ? Access.STRICT : Access.OPEN;
    this.policy = new TopicPolicy(access, b.authenticator != null, this::forbiddenPublish);
  }

  /** Starts configuring a transport in front of {@code gateway} (Herald's). */
  public static Builder builder(Gateway gateway) {
    return new Builder(gateway);
  }

  /** How the transport is set up; {@link #start()} starts it. Not thread-safe. */
  public static final class Builder {
    private final Gateway gateway;
    private String host = "127.0.0.1";
    private int port = 1883;
    private MqttAuthenticator authenticator;
    private Access access;
    private int maxMessageBytes = 4 * 1024 * 1024;

    private Builder(Gateway gateway) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    /** The address to listen on; 127.0.0.1 by default. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port to listen on; 1883 by default, 0 for a free one (see {@link MqttTransport#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port);
      }
      this.port = port;
      return this;
    }

    /** Checks every client's username and password; without one, clients are anonymous. */
    public Builder authenticator(MqttAuthenticator authenticator) {
      this.authenticator = authenticator;
      return this;
    }

    /** Who may listen to what; by default strict with an authenticator, open without. */
    public Builder access(Access access) {
      this.access = access;
      return this;
    }

    /**
     * The largest MQTT message accepted; larger ones close the connection. Keep it above Herald's
     * {@code maxRequestSize} (1 MiB by default), so that Herald answers oversized requests with an
     * error instead. 4 MiB by default.
     */
    public Builder maxMessageBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxMessageBytes " + bytes);
      }
      this.maxMessageBytes = bytes;
      return this;
    }

    /** Starts the broker; it accepts clients when this returns. */
    public MqttTransport start() throws IOException {
      MqttTransport transport = new MqttTransport(this);
      transport.startBroker(this);
      return transport;
    }
  }

  private void startBroker(Builder b) throws IOException {
    IAuthenticator authenticator = b.authenticator == null ? null : (clientId, username, password) -> {
      try {
        return username != null && b.authenticator.authenticate(clientId, username, password);
      } catch (RuntimeException e) {
        LOG.warn("the MQTT authenticator failed for client {}", clientId, e);
        return false;
      }
    };
    for (int attempt = 1; ; attempt++) {
      int p = b.port == 0 ? freePort(host) : b.port;
      Server server = new Server();
      broker = server;
      try {
        server.startServer(new MemoryConfig(brokerProperties(host, p, b.authenticator == null, b.maxMessageBytes)),
            List.of(new BrokerEvents(this)), null, authenticator, policy);
        port = p;
        LOG.info("MQTT transport listening on {}:{} ({} access)", host, p, policy.access());
        return;
      } catch (RuntimeException e) {
        stopQuietly(server);
        // A free port found beforehand may be taken by the time the broker binds it: try another.
        if (b.port != 0 || attempt == PORT_ATTEMPTS) {
          closer.shutdownNow();
          throw new IOException("the MQTT broker could not listen on " + host + ":" + p, e);
        }
      }
    }
  }

  /** The broker's configuration: loopback by default, nothing kept, nothing reported outside. */
  static Properties brokerProperties(String host, int port, boolean anonymous, int maxMessageBytes) {
    Properties p = new Properties();
    p.setProperty(IConfig.HOST_PROPERTY_NAME, host);
    p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
    p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
    p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, Boolean.toString(anonymous));
    p.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "false");
    p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
    // Herald's subscriptions end with the link: MQTT sessions do too, even without "clean session".
    p.setProperty(IConfig.PERSISTENT_CLIENT_EXPIRATION_PROPERTY_NAME, "0s");
    // Moquette 0.17 otherwise posts telemetry to an outside host when it starts.
    p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
    p.setProperty(BrokerConstants.METRICS_ENABLE_PROPERTY_NAME, "false");
    p.setProperty(BrokerConstants.BUGSNAG_ENABLE_PROPERTY_NAME, "false");
    p.setProperty(BrokerConstants.NETTY_EPOLL_PROPERTY_NAME, "false");
    // One interceptor thread: each client's connect, requests and disconnect reach Herald in order.
    p.setProperty(BrokerConstants.BROKER_INTERCEPTOR_THREAD_POOL_SIZE, "1");
    p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(maxMessageBytes));
    p.setProperty(IConfig.BUFFER_FLUSH_MS_PROPERTY_NAME, "immediate");
    return p;
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(host, 0));
      return s.getLocalPort();
    }
  }

  /** The address the broker listens on. */
  public String host() {
    return host;
  }

  /** The port the broker listens on (the one picked when {@code port(0)} was asked). */
  public int port() {
    return port;
  }

  public Access access() {
    return policy.access();
  }

  ChannelFanout fanout() {
    return fanout;
  }

  // ---- broker events, on the interceptor thread ----------------------------------------------

  void connected(String clientId, String username) {
    if (closed.get()) {
      return;
    }
    MqttConnection existing = clients.get(clientId);
    if (existing != null && !existing.connectSeen()) {
      existing.connectSeen(true); // it published before we heard of its CONNECT
      return;
    }
    if (existing != null && clients.remove(clientId, existing)) {
      ended(existing); // a new link took the client id over, closing the previous one
    }
    register(clientId, username, true);
  }

  private MqttConnection register(String clientId, String username, boolean connectSeen) {
    MqttConnection c = new MqttConnection(this, clientId, policy.userOf(username, clientId),
        policy.access() == Access.OPEN);
    c.connectSeen(connectSeen);
    gateway.connected(c);
    clients.put(clientId, c);
    return c;
  }

  void request(String clientId, String username, String topic, byte[] request) {
    MqttConnection c = clients.get(clientId);
    if (c == null) {
      if (closed.get()) {
        return;
      }
      c = register(clientId, username, false);
    }
    if (!c.isOpen()) {
      return;
    }
    c.requestStarted(topic, RequestIds.of(request));
    handling.set(c);
    try {
      gateway.received(c, request);
    } finally {
      handling.remove();
      c.requestDone();
    }
  }

  void unsubscribed(String clientId, String topic) {
    policy.stoppedListening(clientId, topic);
  }

  void linkEnded(String clientId) {
    if (connectedAtBroker(clientId)) {
      return; // the end of a link a newer one took over: handled when the newer one connected
    }
    policy.forget(clientId);
    MqttConnection c = clients.remove(clientId);
    if (c != null) {
      ended(c);
    }
  }

  private boolean connectedAtBroker(String clientId) {
    try {
      for (ClientDescriptor d : broker.listConnectedClients()) {
        if (d.getClientID().equals(clientId)) {
          return true;
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("listing the broker's clients failed (a link was closing, or the broker stopping)", e);
    }
    return false;
  }

  private void ended(MqttConnection c) {
    if (c.markClosed()) {
      gateway.disconnected(c);
    }
  }

  // ---- publishing ----------------------------------------------------------------------------

  /** Publishes Herald's JSON on a topic; completes once every subscriber's session has it. */
  CompletableFuture<Void> publish(String topic, byte[] json) {
    // Built by hand: MqttMessageBuilders would copy the payload, which the broker only reads.
    MqttPublishMessage message = new MqttPublishMessage(
        new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_MOST_ONCE, false, 0),
        new MqttPublishVariableHeader(topic, 0), Unpooled.wrappedBuffer(json));
    RoutingResults routed;
    try {
      routed = broker.internalPublish(message, PUBLISHER_ID);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e); // the broker is stopped
    }
    CompletableFuture<Void> done = routed.completableFuture();
    if (routed.isAllSuccess()) {
      return done;
    }
    return done.thenCompose(v -> CompletableFuture.failedFuture(
        new IOException("the broker's queue of a subscriber of " + topic + " is full")));
  }

  // ---- closing links -------------------------------------------------------------------------

  /** Ends a client's link: disconnects it at the broker, then tells Herald. Never blocks. */
  void closeLink(MqttConnection c, String reason) {
    onCloser(() -> {
      if (!c.isOpen()) {
        return;
      }
      LOG.debug("disconnecting MQTT client {}: {}", c.clientId(), reason);
      if (clients.remove(c.clientId(), c)) {
        disconnectAtBroker(c.clientId());
        policy.forget(c.clientId());
      }
      ended(c);
    });
  }

  /** Ends a client's link once what was sent to it so far is in its session. */
  void closeAfterPublished(MqttConnection c, String reason) {
    c.whenPublished(() -> closeLink(c, reason));
  }

  private void forbiddenPublish(String clientId) {
    onCloser(() -> {
      MqttConnection c = clients.get(clientId);
      if (c != null) {
        closeLink(c, "published on a topic reserved to Herald");
      } else {
        disconnectAtBroker(clientId);
      }
    });
  }

  private void disconnectAtBroker(String clientId) {
    try {
      broker.disconnectAndPurgeClientState(clientId);
    } catch (RuntimeException e) {
      LOG.debug("disconnecting MQTT client {} failed (it was going already)", clientId, e);
    }
  }

  private void onCloser(Runnable task) {
    onCloser(task, Duration.ZERO);
  }

  private void onCloser(Runnable task, Duration delay) {
    try {
      closer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the transport is closed: every link ended with it
    }
  }

  /** Stops the broker; every connection is reported disconnected. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopQuietly(broker);
    for (MqttConnection c : clients.values()) {
      ended(c);
    }
    clients.clear();
    closer.shutdownNow();
  }

  private static void stopQuietly(Server server) {
    try {
      shortenShutdown(server);
      server.stopServer();
    } catch (RuntimeException e) {
      LOG.debug("stopping the MQTT broker failed", e);
    }
  }

  /**
   * Moquette stops its Netty event loops with Netty's default two-second quiet period: two seconds
   * to stop an idle broker. Asked first with a short quiet period, they are already stopping when
   * Moquette waits for them. The fields are private: reflection, or the slow stop.
   */
  private static void shortenShutdown(Server server) {
    try {
      Field acceptorField = Server.class.getDeclaredField("acceptor");
      acceptorField.setAccessible(true);
      Object acceptor = acceptorField.get(server);
      if (acceptor == null) {
        return;
      }
      for (String name : new String[] {"bossGroup", "workerGroup"}) {
        Field field = acceptor.getClass().getDeclaredField(name);
        field.setAccessible(true);
        if (field.get(acceptor) instanceof EventLoopGroup group) {
          group.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("Moquette's event loops stop at their own pace", e);
    }
  }

  // ---- Herald's native fan-out ---------------------------------------------------------------

  /** Channels are broker topics: Herald publishes once per channel, and tells who joins and leaves. */
  private final class Fanout implements ChannelFanout {
    @Override
    public void joined(Connection connection, String channel) {
      policy.joined(((MqttConnection) connection).user(), channel);
    }

    // Called under Herald's lock: decides, and leaves the disconnecting to the closer thread.
    @Override
    public void left(Connection connection, String channel) {
      MqttConnection c = (MqttConnection) connection;
      boolean userStillOn = policy.left(c.user(), channel);
      if (c.isOpen() && policy.listens(c.clientId(), channel)) {
        if (handling.get() == c) {
          c.closeAfterResponse(); // an unsubscribe: its response first
          onCloser(() -> closeLink(c, "stopped receiving a channel it still listened to"),
              CLOSE_AFTER_RESPONSE_TIMEOUT);
        } else {
          closeAfterPublished(c, "stopped receiving a channel it still listened to"); // TokenExpired first
        }
      }
      if (policy.access() == Access.STRICT && !userStillOn) {
        for (String clientId : policy.listeners(channel)) {
          MqttConnection other = clients.get(clientId);
          if (other != null && other != c && other.user().equals(c.user())) {
            closeAfterPublished(other, "its user no longer has channel " + channel);
          }
        }
      }
    }

    @Override
    public void publish(OutboundFrame notification) {
      MqttTransport.this.publish(notification.channel(), notification.json());
    }
  }
}
