package dev.herald;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.herald.api.ActionHandler;
import dev.herald.auth.Authorizer;
import dev.herald.auth.TokenVerifier;
import dev.herald.filter.Filter;
import dev.herald.filter.FilterEngine;
import dev.herald.internal.realtime.HeraldRuntime;
import dev.herald.realtime.NotificationListener;
import dev.herald.realtime.SubscribeOptions;
import dev.herald.realtime.Subscription;
import dev.herald.transport.Gateway;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Herald's real-time engine: subscriptions, rooms and channels, matching and fan-out, speaking
 * Kuzzle's real-time API. Built once with {@link #builder()}; then transports hand it their
 * connections through {@link #gateway()}, the host's storage layer reports document changes to
 * {@link #documents()}, and embedding code may subscribe in-process with {@link #subscribe}.
 *
 * <pre>{@code
 * Herald herald = Herald.builder()
 *     .tokenVerifier(JwtTokens.hmacSha256(secret))
 *     .action("document", "create", request -> store.create(request))
 *     .build();
 * myWebSocketServer.onOpen(conn -> herald.gateway().connected(conn));      // and received, disconnected
 * herald.documents().created(context, "shop", "orders", id, Document.parse(json));
 * herald.close();
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} refuses new requests, closes every connection, drops every
 * subscription and stops the executors Herald created itself (not injected ones).
 */
public final class Herald implements AutoCloseable {
  private final HeraldRuntime runtime;
  private final FilterEngine engine;
  private final String node;
  private final Runnable shutdown;

  private Herald(Builder b) {
    this.node = b.node;
    this.engine = FilterEngine.builder().maxConditions(b.maxConditions).maxConjunctions(b.maxConjunctions)
        .maxDepth(b.maxDepth).build();
    ExecutorService ownRequests = null;
    ExecutorService ownListeners = null;
    ScheduledExecutorService ownScheduler = null;
    if (b.requestExecutor == null) {
      ownRequests = boundedPool("herald-request", b.requestThreads, b.requestQueue);
    }
    if (b.listenerExecutor == null) {
      ownListeners = boundedPool("herald-listener", b.listenerThreads, Integer.MAX_VALUE);
    }
    Scheduler scheduler = b.scheduler;
    if (scheduler == null) {
      ownScheduler = Scheduler.newDaemonExecutor("herald-scheduler");
      scheduler = Scheduler.of(ownScheduler);
    }
    Clock clock = b.clock;
    Ticker ticker = b.ticker != null ? b.ticker : () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    this.runtime = new HeraldRuntime(new HeraldRuntime.Config(node, engine, clock, scheduler, ticker, b.maxRooms,
        b.maxSubscriptionsPerConnection, b.maxRequestSize, b.maxDepth, b.outboxCapacity, b.maxInFlight,
        b.slowConsumerPolicy, b.documentTtl, b.maxCachedDocuments, b.tokenVerifier, b.authorizer,
        Map.copyOf(b.actions), b.requestExecutor != null ? b.requestExecutor : ownRequests,
        b.listenerExecutor != null ? b.listenerExecutor : ownListeners));
    ExecutorService r = ownRequests;
    ExecutorService l = ownListeners;
    ScheduledExecutorService s = ownScheduler;
    this.shutdown = () -> {
      for (ExecutorService e : new ExecutorService[] {r, l, s}) {
        if (e != null) {
          e.shutdown();
        }
      }
    };
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Where transports report connections, request frames and disconnections. */
  public Gateway gateway() {
    return runtime;
  }

  /** Where the host's storage layer reports document changes. */
  public DocumentEvents documents() {
    return runtime.documents();
  }

  /**
   * Validates and normalizes a filter (JSON text) with this Herald's limits.
   *
   * @throws dev.herald.filter.FilterException naming the offending keyword or field
   */
  public Filter filter(String json) {
    return engine.parse(json);
  }

  /** Validates and normalizes a filter given as Java values. */
  public Filter filter(Map<String, ?> filter) {
    return engine.parse(filter);
  }

  /**
   * Subscribes in-process: the listener receives typed notifications, one at a time and in order,
   * on the listener executor (see {@link NotificationListener}).
   *
   * @throws dev.herald.api.ApiException when a limit (rooms) is reached
   */
  public Subscription subscribe(String index, String collection, Filter filter, SubscribeOptions options,
      NotificationListener listener) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(listener, "listener");
    return runtime.subscribe(index, collection, filter, options, listener);
  }

  /** Subscribers of a room, 0 for an unknown room. */
  public int count(String roomId) {
    return runtime.count(roomId);
  }

  public String nodeId() {
    return node;
  }

  public HeraldStats stats() {
    return runtime.stats();
  }

  @Override
  public void close() {
    runtime.close();
    shutdown.run();
  }

  private static ExecutorService boundedPool(String name, int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        queue == Integer.MAX_VALUE ? new java.util.concurrent.LinkedBlockingQueue<>() : new ArrayBlockingQueue<>(queue),
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * Configures a {@link Herald}. Setters validate eagerly and refuse a value given twice; every
   * setting has a documented default. Not thread-safe; {@link #build()} once.
   */
  public static final class Builder {
    private String node = "herald-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    private int maxConditions = 100;
    private int maxConjunctions = 256;
    private int maxRooms = 1_000_000;
    private int maxSubscriptionsPerConnection = 1_000;
    private int maxRequestSize = 1024 * 1024;
    private int maxDepth = 64;
    private int outboxCapacity = 1024;
    private int maxInFlight = 64;
    private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.DISCONNECT;
    private Duration documentTtl = Duration.ofHours(72);
    private long maxCachedDocuments = 1_000_000;
    private TokenVerifier tokenVerifier;
    private Authorizer authorizer = Authorizer.allowAll();
    private final Map<String, ActionHandler> actions = new HashMap<>();
    private java.util.concurrent.Executor requestExecutor;
    private int requestThreads = Math.max(2, java.lang.Runtime.getRuntime().availableProcessors());
    private int requestQueue = 10_000;
    private java.util.concurrent.Executor listenerExecutor;
    private int listenerThreads = Math.max(2, java.lang.Runtime.getRuntime().availableProcessors());
    private Clock clock = Clock.systemUTC();
    private Scheduler scheduler;
    private Ticker ticker;
    private final Set<String> set = new java.util.HashSet<>();
    private boolean built;

    private Builder() {}

    private void once(String setting) {
      if (!set.add(setting)) {
        throw new IllegalStateException(setting + " was already set");
      }
    }

    private static int positive(String name, int v) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + v);
      }
      return v;
    }

    /** The id notifications and responses carry as {@code node} (default: "herald-" and random hex). */
    public Builder nodeId(String id) {
      once("nodeId");
      this.node = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Leaf conditions per filter, each {@code in} value counting (default 100, Kuzzle's). */
    public Builder maxConditions(int max) {
      once("maxConditions");
      this.maxConditions = positive("maxConditions", max);
      return this;
    }

    /** AND-terms in a filter's normal form (default 256). */
    public Builder maxConjunctions(int max) {
      once("maxConjunctions");
      this.maxConjunctions = positive("maxConjunctions", max);
      return this;
    }

    /** Distinct rooms (default 1,000,000, Kuzzle's); beyond: 413 {@code core.realtime.too_many_rooms}. */
    public Builder maxRooms(int max) {
      once("maxRooms");
      this.maxRooms = positive("maxRooms", max);
      return this;
    }

    /** Rooms one connection may be in (default 1,000); beyond: 413 {@code core.realtime.too_many_subscriptions}. */
    public Builder maxSubscriptionsPerConnection(int max) {
      once("maxSubscriptionsPerConnection");
      this.maxSubscriptionsPerConnection = positive("maxSubscriptionsPerConnection", max);
      return this;
    }

    /** Bytes of one request frame (default 1 MiB); beyond: 413 {@code api.assert.request_too_large}. */
    public Builder maxRequestSize(int bytes) {
      once("maxRequestSize");
      this.maxRequestSize = positive("maxRequestSize", bytes);
      return this;
    }

    /** JSON nesting of a request, and of a filter (default 64); beyond: 400 {@code api.assert.too_deep}. */
    public Builder maxDepth(int max) {
      once("maxDepth");
      this.maxDepth = positive("maxDepth", max);
      return this;
    }

    /**
     * Notifications waiting for one subscriber before the slow-consumer policy fires (default 1024).
     */
    public Builder outboxCapacity(int frames) {
      once("outboxCapacity");
      this.outboxCapacity = positive("outboxCapacity", frames);
      return this;
    }

    /** Frames handed to one connection's {@code send} and not yet completed (default 64). */
    public Builder maxInFlight(int frames) {
      once("maxInFlight");
      this.maxInFlight = positive("maxInFlight", frames);
      return this;
    }

    /** What to do with a subscriber whose outbox is full (default {@link SlowConsumerPolicy#DISCONNECT}). */
    public Builder slowConsumerPolicy(SlowConsumerPolicy policy) {
      once("slowConsumerPolicy");
      this.slowConsumerPolicy = Objects.requireNonNull(policy);
      return this;
    }

    /**
     * How long the rooms a document matched are remembered, to notify "out" when the host reports a
     * change without the previous version (default 72 hours, Kuzzle's), and for how many documents
     * at most (default 1,000,000; the least recently used are forgotten first).
     */
    public Builder documentCache(Duration ttl, long maxDocuments) {
      once("documentCache");
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("the document cache TTL must be positive, got " + ttl);
      }
      if (maxDocuments < 0) {
        throw new IllegalArgumentException("maxDocuments must not be negative, got " + maxDocuments);
      }
      this.documentTtl = ttl;
      this.maxCachedDocuments = maxDocuments;
      return this;
    }

    /** Verifies the tokens clients send (default: none; tokens are ignored and requests anonymous). */
    public Builder tokenVerifier(TokenVerifier verifier) {
      once("tokenVerifier");
      this.tokenVerifier = Objects.requireNonNull(verifier);
      return this;
    }

    /** Decides who may subscribe and publish (default {@link Authorizer#allowAll()}). */
    public Builder authorizer(Authorizer authorizer) {
      once("authorizer");
      this.authorizer = Objects.requireNonNull(authorizer);
      return this;
    }

    /**
     * Adds a host action next to Herald's own ({@code realtime:*}, {@code auth:checkToken},
     * {@code server:now}, which cannot be replaced).
     */
    public Builder action(String controller, String action, ActionHandler handler) {
      Objects.requireNonNull(handler, "handler");
      if (controller.equals("realtime") || (controller.equals("auth") && action.equals("checkToken"))
          || (controller.equals("server") && action.equals("now"))) {
        throw new IllegalArgumentException(controller + ":" + action + " is Herald's own");
      }
      if (actions.putIfAbsent(controller + ":" + action, handler) != null) {
        throw new IllegalStateException(controller + ":" + action + " was already added");
      }
      return this;
    }

    /**
     * Runs host actions (default: a pool of max(2, cores) daemon threads with a queue of 10,000;
     * when it is full, requests get 503 {@code api.process.overloaded}).
     */
    public Builder requestExecutor(java.util.concurrent.Executor executor) {
      once("requestExecutor");
      this.requestExecutor = Objects.requireNonNull(executor);
      return this;
    }

    /** Runs in-process listeners (default: a pool of max(2, cores) daemon threads). */
    public Builder listenerExecutor(java.util.concurrent.Executor executor) {
      once("listenerExecutor");
      this.listenerExecutor = Objects.requireNonNull(executor);
      return this;
    }

    /** The time of timestamps and token expiries (default {@link Clock#systemUTC()}). */
    public Builder clock(Clock clock) {
      once("clock");
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Schedules token expiries (default: a daemon thread of Herald's own). */
    public Builder scheduler(Scheduler scheduler) {
      once("scheduler");
      this.scheduler = Objects.requireNonNull(scheduler);
      return this;
    }

    /** The document cache's ticker (default: derived from the {@link #clock}). */
    public Builder ticker(Ticker ticker) {
      once("ticker");
      this.ticker = Objects.requireNonNull(ticker);
      return this;
    }

    public Herald build() {
      if (built) {
        throw new IllegalStateException("build() was already called");
      }
      built = true;
      return new Herald(this);
    }
  }
}
