package dev.herald.filter;

import dev.herald.internal.filter.FilterCompiler;
import dev.herald.internal.filter.FilterLimits;
import dev.herald.internal.match.MatchEngine;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;

/**
 * Reverse matching: register filters written in Koncorde's filter language, then find which of them
 * a document matches. Usable on its own; Herald's real-time core is built on it.
 *
 * <pre>{@code
 * FilterEngine engine = FilterEngine.create();
 * String id = engine.register("orders", "{\"range\": {\"total\": {\"gte\": 100}}}");
 * List<String> ids = engine.match("orders", "{\"total\": 250}");   // [id]
 * engine.remove("orders", id);
 * }</pre>
 *
 * <p><b>Indexes.</b> Filters live in named indexes; a document is matched against one index, and
 * filters of different indexes never see each other. Registering an equivalent filter again returns
 * the same id and counts one more registration; {@link #remove} takes one away, and the filter goes
 * when none is left.
 *
 * <p><b>Cost.</b> Registration validates and normalizes the filter (polynomial in its size, capped by
 * the configured limits) and files each distinct condition once, however many filters share it.
 * Matching flattens the document once, probes one index per operator per field present, verifies the
 * few conjunctions reached, and scans no list of all filters for any keyword; its cost follows the
 * document's size and the number of matches rather than the number of filters.
 *
 * <p><b>Thread-safety.</b> Thread-safe. Any number of threads may match while others register and
 * remove. A match that starts after a registration (or removal) returned sees it; one that runs
 * concurrently sees it or not, and its answer is always that of one state of the filters, never a
 * mix of two. Matching takes no lock: a match that a write overlapped runs again, and only after
 * three overlapped attempts does it wait for the writers' lock.
 */
public final class FilterEngine {
  private final FilterCompiler compiler;
  private final MatchEngine engine;
  private final int maxDocumentDepth;

  private FilterEngine(Builder b) {
    this.engine = new MatchEngine(b.maintenanceExecutor);
    this.compiler = new FilterCompiler(
        new FilterLimits(b.maxConditions, b.maxConjunctions, b.maxDepth, b.maxRegexpLength));
    this.maxDocumentDepth = b.maxDocumentDepth;
  }

  /** An engine with the default limits (see {@link Builder}). */
  public static FilterEngine create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---- filters -------------------------------------------------------------------------------

  /**
   * Validates and normalizes a filter given as JSON text. {@code "null"} and {@code "{}"} match every
   * document.
   *
   * @throws FilterException naming the offending keyword or field
   */
  public Filter parse(String json) {
    Objects.requireNonNull(json, "json");
    return new Filter(compiler.compile(json));
  }

  /** Validates and normalizes a filter given as UTF-8 JSON bytes. */
  public Filter parse(byte[] json) {
    Objects.requireNonNull(json, "json");
    return new Filter(compiler.compile(json));
  }

  /**
   * Validates and normalizes a filter given as Java values (maps, lists, strings, numbers of any
   * type, booleans, nulls); a null map matches every document.
   */
  public Filter parse(Map<String, ?> filter) {
    return new Filter(compiler.compileValue(filter));
  }

  /** Registers a filter under an index and returns its id. */
  public String register(String index, Filter filter) {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(filter, "filter");
    return engine.register(index, filter.normalized());
  }

  /** Parses and registers a filter given as JSON text; returns its id. */
  public String register(String index, String json) {
    return register(index, parse(json));
  }

  /**
   * Removes one registration of a filter. Returns whether the filter was registered under the
   * index; unknown ids and indexes are not an error.
   */
  public boolean remove(String index, String filterId) {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(filterId, "filterId");
    return engine.remove(index, filterId);
  }

  /** Whether a filter with this id is registered under the index. */
  public boolean contains(String index, String filterId) {
    return engine.contains(index, filterId);
  }

  /** The ids registered under an index, in no particular order (empty for an unknown index). */
  public List<String> filterIds(String index) {
    return engine.filterIds(index);
  }

  /** The indexes holding at least one filter. */
  public Set<String> indexes() {
    return engine.indexes();
  }

  // ---- matching ------------------------------------------------------------------------------

  /**
   * The ids of the filters of {@code index} the document matches, in no particular order, in a list
   * that may be sorted but not resized.
   */
  public List<String> match(String index, Document document) {
    return engine.match(index, document.content(), document.id());
  }

  /**
   * Matches a document built of Java values without copying it: maps with string keys, lists,
   * arrays, strings, numbers of any type, booleans and nulls. The map must not change meanwhile.
   */
  public List<String> match(String index, Map<String, ?> document) {
    Objects.requireNonNull(document, "document");
    return engine.match(index, document, null);
  }

  /**
   * Parses a JSON object (UTF-8) and matches it.
   *
   * @throws DocumentException when the bytes are not a JSON object or nest too deeply
   */
  public List<String> match(String index, byte[] json) {
    return match(index, Document.parse(json, maxDocumentDepth));
  }

  /** Parses a JSON object from text and matches it. */
  public List<String> match(String index, String json) {
    return match(index, Document.parse(json, maxDocumentDepth));
  }

  /**
   * Calls {@code action} once with the id of each matching filter, allocating nothing else. The
   * calls happen after matching is complete, on the calling thread; {@code action} may match again.
   */
  public void forEachMatch(String index, Document document, Consumer<? super String> action) {
    engine.match(index, document.content(), document.id(), action);
  }

  /** How many filters of {@code index} the document matches; allocates nothing. */
  public int countMatches(String index, Document document) {
    return engine.count(index, document.content(), document.id());
  }

  /** A snapshot of what the engine holds. */
  public FilterEngineStats stats() {
    long[] s = engine.stats();
    return new FilterEngineStats((int) s[0], s[1], s[2], s[3], s[4]);
  }

  /**
   * Limits for an engine. Each setter validates its argument; every limit has a default.
   * Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private int maxConditions = 100;
    private int maxConjunctions = 256;
    private int maxDepth = 64;
    private int maxRegexpLength = 4096;
    private int maxDocumentDepth = Document.DEFAULT_MAX_DEPTH;
    private Executor maintenanceExecutor = ForkJoinPool.commonPool();

    private Builder() {}

    /**
     * Where the engine runs its upkeep: merging the levels that registrations leave in range
     * indexes, once matching has stabbed them often enough to pay for it (each merge is O(n log n)
     * in the intervals of one field, under the index's write lock). Matching never waits for it.
     * Default: {@link ForkJoinPool#commonPool()}, as Caffeine does; a direct executor
     * ({@code Runnable::run}) runs it on the matching thread instead.
     */
    public Builder maintenanceExecutor(Executor executor) {
      this.maintenanceExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Most leaf conditions in one filter, each value of {@code in} and {@code ids} counting as one
     * (default 100, as Kuzzle's {@code subscriptionConditionsCount}).
     */
    public Builder maxConditions(int max) {
      this.maxConditions = positive("maxConditions", max);
      return this;
    }

    /** Most AND-terms in a filter's normal form (default 256). */
    public Builder maxConjunctions(int max) {
      this.maxConjunctions = positive("maxConjunctions", max);
      return this;
    }

    /** Deepest JSON nesting of a filter (default 64). */
    public Builder maxDepth(int max) {
      this.maxDepth = positive("maxDepth", max);
      return this;
    }

    /** Longest regular expression, in characters (default 4096). */
    public Builder maxRegexpLength(int max) {
      this.maxRegexpLength = positive("maxRegexpLength", max);
      return this;
    }

    /** Deepest JSON nesting of a document matched from bytes or text (default 128). */
    public Builder maxDocumentDepth(int max) {
      this.maxDocumentDepth = positive("maxDocumentDepth", max);
      return this;
    }

    public FilterEngine build() {
      return new FilterEngine(this);
    }

    private static int positive(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + value);
      }
      return value;
    }
  }
}
