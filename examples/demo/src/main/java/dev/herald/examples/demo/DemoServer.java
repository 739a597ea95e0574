package dev.herald.examples.demo;

import dev.herald.Herald;
import dev.herald.api.KuzzleError;
import dev.herald.api.Request;
import dev.herald.auth.JwtTokens;
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
 * Herald's demo: a Kuzzle-compatible real-time server on {@code ws://localhost:7512}, with a tiny
 * in-memory document store ({@code document:create}, {@code createOrReplace}, {@code replace},
 * {@code update}, {@code delete}, {@code get}), short-lived JWTs from {@code auth:login}, and a web
 * page at {@code http://localhost:7512/} to subscribe, write documents and watch notifications.
 *
 * <pre>
 * java dev.herald.examples.demo.DemoServer [--host=localhost] [--port=7512] [--token-ttl=5m]
 * </pre>
 */
public final class DemoServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);

  /**
   * @param host the address to listen on (loopback by default: nothing outside the machine reaches it)
   * @param port the port, 0 for any free one
   * @param tokenTtl the lifetime of tokens from {@code auth:login} when the request does not say
   */
  public record Options(String host, int port, Duration tokenTtl) {
    public static final Options DEFAULTS = new Options("localhost", 7512, Duration.ofMinutes(5));

    static Options parse(String[] args) {
      String host = DEFAULTS.host();
      int port = DEFAULTS.port();
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
            port = Integer.parseInt(kv[1]);
            break;
          case "--token-ttl":
            ttl = duration(kv[1]);
            break;
          default:
            throw new IllegalArgumentException("unknown option " + kv[0]
                + " (options: --host=, --port=, --token-ttl=)");
        }
      }
      return new Options(host, port, ttl);
    }
  }

  private final Herald herald;
  private final Server server;
  private final URI uri;

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
    try {
      server.start();
    } catch (Exception e) {
      herald.close();
      throw e;
    }
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

  public Herald herald() {
    return herald;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the web server failed", e);
    }
    herald.close();
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
      LOG.error("cannot listen on {}:{}: {}", options.host(), options.port(), e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping");
      demo.close();
      stopped.countDown();
    }, "demo-shutdown"));
    LOG.info("Herald demo ready: connect Kuzzle clients to {} and open {} in a browser (tokens last {} s; Ctrl-C stops)",
        demo.webSocketUri(), demo.pageUri(), options.tokenTtl().toSeconds());
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
