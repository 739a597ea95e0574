package dev.herald.examples.demo;

import dev.herald.Herald;
import dev.herald.api.KuzzleError;
import dev.herald.api.Request;
import dev.herald.auth.JwtTokens;
import dev.herald.examples.mqtt.Access;
import dev.herald.examples.mqtt.MqttTransport;
import dev.herald.examples.socketio.SocketIoTransport;
import dev.herald.examples.websocket.HeraldWebSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Herald's demo: one Herald behind three transports, with a tiny in-memory document store
 * ({@code document:create}, {@code createOrReplace}, {@code replace}, {@code update}, {@code delete},
 * {@code get}), short-lived JWTs from {@code auth:login}, and a web page to subscribe, write documents
 * and watch notifications. By default, on this machine only:
 * <ul>
 *   <li>Kuzzle's WebSocket protocol and the page on {@code ws://localhost:7512} and
 *       {@code http://localhost:7512/};
 *   <li>Socket.IO (Kuzzle 1.x's protocol, socket.io-client 2.x and 4.x) on {@code http://localhost:7513};
 *   <li>MQTT on {@code localhost:1883}, in {@linkplain Access#OPEN open} access: anonymous clients, and
 *       any client may listen to responses and channels, so command-line clients work as in Kuzzle.
 * </ul>
 * A notification reaches its subscribers whatever transport the change and the subscriptions came from.
 *
 * <pre>
 * java dev.herald.examples.demo.DemoServer [--host=localhost] [--port=7512] [--socketio-port=7513]
 *     [--mqtt-port=1883] [--token-ttl=5m]
 * </pre>
 * {@code --socketio-port=off} and {@code --mqtt-port=off} leave a listener out; port 0 takes any free port.
 */
public final class DemoServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);
  /** The port value that leaves a listener out. */
  public static final int OFF = -1;

  /**
   * @param host the address to listen on (loopback by default: nothing outside the machine reaches it)
   * @param port the WebSocket and web page port, 0 for any free one
   * @param socketIoPort the Socket.IO port, 0 for any free one, {@link #OFF} for none
   * @param mqttPort the MQTT port, 0 for any free one, {@link #OFF} for none
   * @param tokenTtl the lifetime of tokens from {@code auth:login} when the request does not say
   */
  public record Options(String host, int port, int socketIoPort, int mqttPort, Duration tokenTtl) {
    public static final Options DEFAULTS = new Options("localhost", 7512, 7513, 1883, Duration.ofMinutes(5));

    public Options {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(tokenTtl, "tokenTtl");
      checkPort("port", port, false);
      checkPort("socketIoPort", socketIoPort, true);
      checkPort("mqttPort", mqttPort, true);
    }

    /** These options, every listener on any free port of 127.0.0.1: for tests. */
    public static Options loopbackAnyPorts() {
      return new Options("127.0.0.1", 0, 0, 0, DEFAULTS.tokenTtl());
    }

    private static void checkPort(String name, int port, boolean mayBeOff) {
      if ((port < 0 || port > 65535) && !(mayBeOff && port == OFF)) {
        throw new IllegalArgumentException(name + " must be 0 to 65535" + (mayBeOff ? " or off" : "") + ", not " + port);
      }
    }

    static Options parse(String[] args) {
      String host = DEFAULTS.host();
      int port = DEFAULTS.port();
      int socketIoPort = DEFAULTS.socketIoPort();
      int mqttPort = DEFAULTS.mqttPort();
      Duration ttl = DEFAULTS.tokenTtl();
      for (String a : args) {
        if (a.isBlank()) {
          continue;
        }
        String[] kv = a.split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("expected --name=value, got " + a);
        }
        switch (kv[0]) {
          case "--host":
            host = kv[1];
            break;
          case "--port":
            port = port(kv[0], kv[1]);
            break;
          case "--socketio-port":
            socketIoPort = port(kv[0], kv[1]);
            break;
          case "--mqtt-port":
            mqttPort = port(kv[0], kv[1]);
            break;
          case "--token-ttl":
            ttl = duration(kv[1]);
            break;
          default:
            throw new IllegalArgumentException("unknown option " + kv[0]
                + " (options: --host=, --port=, --socketio-port=, --mqtt-port=, --token-ttl=)");
        }
      }
      return new Options(host, port, socketIoPort, mqttPort, ttl);
    }

    private static int port(String option, String value) {
      if (value.equalsIgnoreCase("off")) {
        return OFF;
      }
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " takes a port number or off, not " + value);
      }
    }
  }

  private final Herald herald;
  private final Server server;
  private final URI uri;
  private final SocketIoTransport socketIo;
  private final MqttTransport mqtt;

  private DemoServer(Options options) throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret); // tokens are valid until this process ends
    JwtTokens tokens = JwtTokens.hmacSha256(secret);
    Herald.Builder builder = Herald.builder().nodeId("herald-demo").tokenVerifier(tokens);
    DocumentStore[] store = new DocumentStore[1];
    builder.action("document", "create", r -> store[0].create(r))
        .action("document", "createOrReplace", r -> store[0].createOrReplace(r))
        .action("document", "replace", r -> store[0].replace(r))
        .action("document", "update", r -> store[0].update(r))
        .action("document", "delete", r -> store[0].delete(r))
        .action("document", "get", r -> store[0].get(r))
        .action("auth", "login", r -> login(r, tokens, options.tokenTtl()))
        .action("auth", "logout", r -> Map.of())
        .action("auth", "getCurrentUser", r -> Map.of("_id", r.identity().kuid(), "_source", Map.of()))
        .action("server", "info", r -> Map.of("serverInfo", Map.of("kuzzle", Map.of("version", "2.x (Herald demo)"))));
    herald = builder.build();
    store[0] = new DocumentStore(herald.documents());

    server = new Server(new InetSocketAddress(options.host(), options.port()));
    WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server,
        c -> HeraldWebSocket.map(c, "/", herald.gateway(), HeraldWebSocket.Options.DEFAULTS));
    ws.setHandler(new Page());
    server.setHandler(ws);
    server.setStopAtShutdown(false);
    SocketIoTransport socketIoStarted = null;
    MqttTransport mqttStarted = null;
    try {
      server.start();
      if (options.socketIoPort() != OFF) {
        socketIoStarted = SocketIoTransport.start(
            new InetSocketAddress(options.host(), options.socketIoPort()), herald.gateway());
      }
      if (options.mqttPort() != OFF) {
        mqttStarted = MqttTransport.builder(herald.gateway())
            .host(options.host())
            .port(options.mqttPort())
            .access(Access.OPEN)
            .start();
      }
    } catch (Exception e) {
      closeAll(socketIoStarted, server, herald);
      throw e;
    }
    socketIo = socketIoStarted;
    mqtt = mqttStarted;
    int port = ((NetworkConnector) server.getConnectors()[0]).getLocalPort();
    uri = URI.create("ws://" + options.host() + ":" + port + "/");
  }

  /** Starts a demo server; {@link #close()} stops it. */
  public static DemoServer start(Options options) throws Exception {
    return new DemoServer(options);
  }

  /** Where WebSocket clients connect. */
  public URI webSocketUri() {
    return uri;
  }

  /** The web page. */
  public URI pageUri() {
    return URI.create("http://" + uri.getHost() + ":" + uri.getPort() + "/");
  }

  /** Where Socket.IO clients connect, if the demo serves Socket.IO. */
  public Optional<URI> socketIoUri() {
    return Optional.ofNullable(socketIo).map(t -> URI.create("http://" + uri.getHost() + ":" + t.port()));
  }

  /** Where MQTT clients connect ({@code mqtt://host:port}), if the demo serves MQTT. */
  public Optional<URI> mqttUri() {
    return Optional.ofNullable(mqtt).map(t -> URI.create("mqtt://" + uri.getHost() + ":" + t.port()));
  }

  public Herald herald() {
    return herald;
  }

  /** Stops the listeners, then Herald. */
  @Override
  public void close() {
    closeAll(mqtt, socketIo, server, herald);
  }

  private static void closeAll(Object... parts) {
    for (Object part : parts) {
      try {
        if (part instanceof Server jetty) {
          jetty.stop();
        } else if (part instanceof AutoCloseable closeable) {
          closeable.close();
        }
      } catch (Exception e) {
        LOG.warn("stopping {} failed", part.getClass().getSimpleName(), e);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    DemoServer demo;
    try {
      demo = start(options);
    } catch (IOException e) {
      // A port already taken, most likely: say which, and how to choose another or leave it out.
      LOG.error("the demo cannot start: {}{} (choose other ports with --port=, --socketio-port=, --mqtt-port=; off leaves Socket.IO or MQTT out)",
          e.getMessage(), e.getCause() == null ? "" : ": " + e.getCause().getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping");
      demo.close();
      stopped.countDown();
    }, "demo-shutdown"));
    LOG.info("Herald demo ready: open {} in a browser; Kuzzle clients connect to {} (WebSocket), {} (Socket.IO), {} (MQTT, open access); tokens last {} s; Ctrl-C stops",
        demo.pageUri(), demo.webSocketUri(), demo.socketIoUri().map(URI::toString).orElse("off"),
        demo.mqttUri().map(URI::toString).orElse("off"), options.tokenTtl().toSeconds());
    stopped.await();
  }

  // ---- auth:login ----------------------------------------------------------------------------

  /** The demo trusts anyone: any non-empty username gets a token for the requested (or default) lifetime. */
  private static Object login(Request r, JwtTokens tokens, Duration defaultTtl) {
    Map<String, Object> body = r.bodyObject();
    Object username = body == null ? null : body.get("username");
    if (!(username instanceof String) || ((String) username).isBlank()) {
      throw KuzzleError.MISSING_ARGUMENT.exception("body.username");
    }
    Duration ttl = defaultTtl;
    Object expiresIn = r.arg("expiresIn");
    if (expiresIn instanceof Number) {
      ttl = Duration.ofMillis(((Number) expiresIn).longValue());
    } else if (expiresIn instanceof String && !((String) expiresIn).isBlank()) {
      try {
        ttl = duration((String) expiresIn);
      } catch (IllegalArgumentException e) {
        throw KuzzleError.INVALID_ARGUMENT.exception("expiresIn", "a duration such as 30s, 5m or 1h");
      }
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw KuzzleError.INVALID_ARGUMENT.exception("expiresIn", "a positive duration");
    }
    String jwt = tokens.sign((String) username, ttl);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("_id", username);
    result.put("jwt", jwt);
    result.put("expiresAt", r.timestamp() + ttl.toMillis());
    result.put("ttl", ttl.toMillis());
    return result;
  }

  /** "1500" (milliseconds), "1500ms", "30s", "5m", "1h", "1d". */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long n = Long.parseLong(t.substring(0, i));
    switch (t.substring(i).trim()) {
      case "":
      case "ms":
        return Duration.ofMillis(n);
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      case "d":
        return Duration.ofDays(n);
      default:
        throw new IllegalArgumentException("not a duration: " + text);
    }
  }

  // ---- the web page --------------------------------------------------------------------------

  /** Serves the page and its script from the class path. */
  private static final class Page extends Handler.Abstract {
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    Page() throws IOException {
      files.put("/", resource("index.html"));
      files.put("/index.html", files.get("/"));
      files.put("/app.js", resource("app.js"));
      files.put("/style.css", resource("style.css"));
    }

    private static byte[] resource(String name) throws IOException {
      try (InputStream in = DemoServer.class.getResourceAsStream("/web/" + name)) {
        if (in == null) {
          throw new IOException("missing resource /web/" + name);
        }
        return in.readAllBytes();
      }
    }

    @Override
    public boolean handle(org.eclipse.jetty.server.Request request, Response response, Callback callback) {
      String path = request.getHttpURI().getPath();
      byte[] body = files.get(path == null || path.isEmpty() ? "/" : path);
      if (body == null) {
        Response.writeError(request, response, callback, 404);
        return true;
      }
      String type = path.endsWith(".js") ? "text/javascript" : path.endsWith(".css") ? "text/css" : "text/html";
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.write(true, ByteBuffer.wrap(body), callback);
      return true;
    }
  }
}
