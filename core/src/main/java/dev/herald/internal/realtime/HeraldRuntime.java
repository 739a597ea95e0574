package dev.herald.internal.realtime;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.herald.DocumentEvents;
import dev.herald.HeraldStats;
import dev.herald.Scheduler;
import dev.herald.SlowConsumerPolicy;
import dev.herald.api.ActionHandler;
import dev.herald.api.ApiException;
import dev.herald.api.KuzzleError;
import dev.herald.api.Request;
import dev.herald.auth.Authorizer;
import dev.herald.auth.Identity;
import dev.herald.auth.InvalidTokenException;
import dev.herald.auth.TokenVerifier;
import dev.herald.filter.Filter;
import dev.herald.filter.FilterEngine;
import dev.herald.realtime.NotificationListener;
import dev.herald.realtime.SubscribeOptions;
import dev.herald.realtime.Subscription;
import dev.herald.transport.Connection;
import dev.herald.transport.Gateway;
import dev.herald.transport.OutboundFrame;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a Herald runs: the gateway transports call, request routing, the realtime, auth and
 * server controllers, the host's actions, token expiry, and the document events API.
 *
 * <p>Thread-safe. Built actions ({@code realtime}, {@code auth:checkToken}, {@code server:now}) run
 * on the transport's thread and never block; host actions run on the request executor.
 */
public final class HeraldRuntime implements Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(HeraldRuntime.class);

  /** Everything a runtime is configured with. */
  public record Config(String node, FilterEngine engine, Clock clock, Scheduler scheduler, Ticker ticker,
      int maxRooms, int maxSubscriptionsPerConnection, int maxRequestSize, int maxDepth, int outboxCapacity,
      int maxInFlight, SlowConsumerPolicy slowConsumerPolicy, Duration documentTtl, long maxCachedDocuments,
      TokenVerifier tokenVerifier, Authorizer authorizer, Map<String, ActionHandler> actions,
      Executor requestExecutor, Executor listenerExecutor) {}

  private final Config config;
  private final Hotel hotel;
  private final Notifier notifier;
  private final RequestReader reader;
  private final Responses responses;
  private final RealtimeController realtime;
  private final DeliveryStats stats = new DeliveryStats();
  private final ConcurrentHashMap<Connection, ConnectionEndpoint> connections = new ConcurrentHashMap<>();
  private final java.util.Set<LocalEndpoint> locals = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public HeraldRuntime(Config config) {
    this.config = config;
    this.hotel = new Hotel(config.engine(), config.clock(), config.node(), config.maxRooms(),
        config.maxSubscriptionsPerConnection(), stats);
    this.notifier = new Notifier(hotel, config.node(), config.documentTtl(), config.maxCachedDocuments(),
        config.ticker(), stats);
    this.reader = new RequestReader(config.maxDepth());
    this.responses = new Responses(config.node());
    this.realtime = new RealtimeController(hotel, notifier, config.engine(), config.authorizer(), config.clock(),
        responses);
  }

  public DocumentEvents documents() {
    return notifier;
  }

  // ---- the gateway -------------------------------------------------------------------------

  @Override
  public void connected(Connection connection) {
    endpoint(connection);
  }

  private ConnectionEndpoint endpoint(Connection connection) {
    return connections.computeIfAbsent(connection, c -> new ConnectionEndpoint(c, config.outboxCapacity(),
        config.maxInFlight(), config.slowConsumerPolicy(), stats));
  }

  @Override
  public void received(Connection connection, byte[] frame) {
    ConnectionEndpoint ep = endpoint(connection);
    if (frame.length > config.maxRequestSize()) {
      tooLarge(ep, frame.length);
      return;
    }
    read(ep, () -> reader.read(frame));
  }

  @Override
  public void received(Connection connection, String frame) {
    ConnectionEndpoint ep = endpoint(connection);
    if (frame.length() > config.maxRequestSize()) {
      tooLarge(ep, frame.length()); // each char is at least one UTF-8 byte
      return;
    }
    // A char is one to three UTF-8 bytes: count the bytes only when it matters.
    if (frame.length() * 3L > config.maxRequestSize()) {
      received(connection, frame.getBytes(StandardCharsets.UTF_8));
      return;
    }
    read(ep, () -> reader.read(frame));
  }

  private interface Read {
    RequestReader.Envelope read() throws RequestReader.BadRequest;
  }

  private void read(ConnectionEndpoint ep, Read read) {
    RequestReader.Envelope env;
    try {
      env = read.read();
    } catch (RequestReader.BadRequest e) {
      ep.respond(OutboundFrame.response(e.envelope.requestIdOrNew(), responses.error(e.envelope, e.error)));
      return;
    }
    handle(ep, env);
  }

  @Override
  public void disconnected(Connection connection) {
    ConnectionEndpoint ep = connections.remove(connection);
    if (ep == null) {
      return;
    }
    ep.cancelExpiry();
    hotel.leaveAll(ep, true);
    ep.closeOutbox();
  }

  private void tooLarge(ConnectionEndpoint ep, int size) {
    RequestReader.Envelope env = new RequestReader.Envelope();
    ep.respond(OutboundFrame.response(env.requestIdOrNew(),
        responses.error(env, KuzzleError.REQUEST_TOO_LARGE.exception(size, config.maxRequestSize()))));
  }

  private void handle(ConnectionEndpoint ep, RequestReader.Envelope env) {
    if (closed) {
      reply(ep, env, KuzzleError.SHUTTING_DOWN.exception());
      return;
    }
    Identity identity;
    try {
      identity = authenticate(ep, env.jwt);
    } catch (ApiException e) {
      reply(ep, env, e);
      return;
    }
    Request request = RequestReader.toRequest(env, ep.protocol(), ep.id(), identity, config.clock().millis());
    try {
      if (dispatchBuiltIn(ep, env, request)) {
        return;
      }
      ActionHandler handler = config.actions().get(request.controller() + ":" + request.action());
      if (handler == null) {
        throw KuzzleError.ACTION_NOT_FOUND.exception(request.controller(), request.action());
      }
      try {
        config.requestExecutor().execute(() -> runHandler(ep, env, request, handler));
      } catch (RejectedExecutionException e) {
        throw KuzzleError.OVERLOADED.exception();
      }
    } catch (ApiException e) {
      reply(ep, env, e);
    } catch (RuntimeException e) {
      LOG.error("unexpected error on {}:{} (request {})", request.controller(), request.action(),
          request.requestId(), e);
      reply(ep, env, KuzzleError.UNEXPECTED_ERROR.exception(e.getClass().getSimpleName()));
    }
  }

  private boolean dispatchBuiltIn(ConnectionEndpoint ep, RequestReader.Envelope env, Request request) {
    switch (request.controller()) {
      case "realtime":
        realtime.handle(ep, env, request);
        return true;
      case "auth":
        if (request.action().equals("checkToken")) {
          ep.respond(OutboundFrame.response(env.requestIdOrNew(), responses.success(env, checkToken(request))));
          return true;
        }
        return false;
      case "server":
        if (request.action().equals("now")) {
          ep.respond(OutboundFrame.response(env.requestIdOrNew(),
              responses.success(env, Map.of("now", config.clock().millis()))));
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  private void runHandler(ConnectionEndpoint ep, RequestReader.Envelope env, Request request, ActionHandler handler) {
    Object result;
    try {
      result = handler.handle(request);
    } catch (ApiException e) {
      reply(ep, env, e);
      return;
    } catch (Exception | Error e) {
      LOG.error("action {}:{} failed (request {})", request.controller(), request.action(), request.requestId(), e);
      reply(ep, env, KuzzleError.UNEXPECTED_ERROR.exception(e.getClass().getSimpleName()));
      return;
    }
    try {
      ep.respond(OutboundFrame.response(env.requestIdOrNew(), responses.success(env, result)));
    } catch (RuntimeException e) {
      LOG.error("action {}:{} returned a result that is not JSON", request.controller(), request.action(), e);
      reply(ep, env, KuzzleError.UNEXPECTED_ERROR.exception("result is not JSON"));
    }
  }

  private void reply(ConnectionEndpoint ep, RequestReader.Envelope env, ApiException error) {
    ep.respond(OutboundFrame.response(env.requestIdOrNew(), responses.error(env, error)));
  }

  // ---- authentication ------------------------------------------------------------------------

  private Identity authenticate(ConnectionEndpoint ep, String jwt) {
    TokenVerifier verifier = config.tokenVerifier();
    if (jwt == null || jwt.isEmpty() || verifier == null) {
      return Identity.ANONYMOUS;
    }
    Identity identity;
    try {
      identity = verifier.verify(jwt);
    } catch (InvalidTokenException e) {
      throw (e.expired() ? KuzzleError.TOKEN_EXPIRED : KuzzleError.TOKEN_INVALID).exception();
    } catch (RuntimeException e) {
      LOG.warn("token verifier failed", e);
      throw KuzzleError.TOKEN_INVALID.exception();
    }
    if (ep.tokenSeen(jwt, identity)) {
      long delay = identity.expiresAt() - config.clock().millis();
      Scheduler.Task task = config.scheduler().schedule(() -> expire(ep, jwt), Duration.ofMillis(Math.max(0, delay)));
      ep.expiryScheduled(jwt, task);
    }
    return identity;
  }

  private void expire(ConnectionEndpoint ep, String token) {
    if (ep.tokenExpired(token)) {
      LOG.debug("token of connection {} expired", ep.id());
      hotel.expire(ep);
    }
  }

  private Map<String, Object> checkToken(Request request) {
    Map<String, Object> body = request.bodyObject();
    Object token = body == null ? null : body.get("token");
    Map<String, Object> result = new java.util.LinkedHashMap<>();
    TokenVerifier verifier = config.tokenVerifier();
    if (!(token instanceof String) || ((String) token).isEmpty() || verifier == null) {
      result.put("valid", false);
      result.put("state", verifier == null ? "Authentication is not enabled" : "Invalid token.");
      return result;
    }
    try {
      Identity id = verifier.verify((String) token);
      result.put("valid", true);
      result.put("state", "Token is valid");
      result.put("expiresAt", id.expiresAt());
      result.put("kuid", id.kuid());
    } catch (InvalidTokenException e) {
      result.put("valid", false);
      result.put("state", e.getMessage());
    }
    return result;
  }

  // ---- in-process subscriptions ------------------------------------------------------------

  public Subscription subscribe(String index, String collection, Filter filter, SubscribeOptions options,
      NotificationListener listener) {
    if (closed) {
      throw new IllegalStateException("this Herald is closed");
    }
    RealtimeController.checkName("index", index);
    RealtimeController.checkName("collection", collection);
    LocalEndpoint ep = new LocalEndpoint(hotel, listener, config.listenerExecutor(), config.outboxCapacity(),
        config.slowConsumerPolicy(), stats);
    hotel.subscribe(ep, new CollectionKey(index, collection), filter, options,
        s -> ep.subscribed(s.room().room, s.channel().channel));
    locals.add(ep);
    ep.onUnsubscribe(() -> locals.remove(ep));
    return ep;
  }

  public int count(String roomId) {
    return hotel.count(roomId);
  }

  public HeraldStats stats() {
    int[] s = hotel.sizes();
    return new HeraldStats(connections.size(), s[0], s[1], s[2], stats.deliveredCount(), stats.droppedCount(),
        stats.disconnectedCount());
  }

  /** Refuses new requests, closes every connection and drops every subscription silently. */
  public void close() {
    closed = true;
    for (ConnectionEndpoint ep : connections.values()) {
      ep.cancelExpiry();
      hotel.leaveAll(ep, false);
      try {
        ep.connection.close("server shutting down");
      } catch (RuntimeException e) {
        LOG.debug("closing connection {} failed", ep.id(), e);
      }
    }
    connections.clear();
    for (LocalEndpoint ep : locals) {
      hotel.leaveAll(ep, false);
    }
    locals.clear();
  }
}
