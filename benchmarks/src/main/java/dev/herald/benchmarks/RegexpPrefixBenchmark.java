package dev.herald.benchmarks;

import dev.herald.filter.Document;
import dev.herald.filter.FilterEngine;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matching one parsed document ({@code FilterEngine.countMatches}, the allocation-free form of
 * {@code match}) against {@code patterns} regexp filters on one field, laid out as {@link Layout}
 * says: many patterns sharing a long literal prefix or substring, against the same number with
 * distinct short prefixes, and a hit-heavy layout whose patterns literals alone can decide. Each call
 * matches the next of 64 documents; {@code hit} documents match exactly one filter ({@code HIT_HEAVY}:
 * 100), {@code miss} documents none but share the common literal. The setup checks both counts.
 *
 * <pre>
 * mvn -o -q -B install -DskipTests
 * java -jar benchmarks/target/herald-benchmarks.jar RegexpPrefixBenchmark
 * java -jar benchmarks/target/herald-benchmarks.jar RegexpPrefixBenchmark -p layout=SHARED_PREFIX -p patterns=100000
 * </pre>
 *
 * Scores are nanoseconds per document. With a prefix index that keys on the whole literal prefix,
 * a row should cost about the same at 1k, 10k and 100k patterns and about the same as
 * {@code DISTINCT_PREFIX}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = Settings.WARMUP_ITERATIONS, time = Settings.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = Settings.MEASUREMENT_ITERATIONS, time = Settings.ITERATION_MILLIS,
    timeUnit = TimeUnit.MILLISECONDS)
@Fork(Settings.FORKS)
public class RegexpPrefixBenchmark {
  /** How the patterns are made; {@code i} is the pattern's number. */
  public enum Layout {
    /** {@code ^user-<i>-}: every pattern shares the prefix "user-". */
    SHARED_PREFIX,
    /** {@code ^USER-<i>-} with flag {@code i}, against lower-case documents. */
    SHARED_PREFIX_FOLDED,
    /** {@code ^<w>-} where {@code w} is a distinct 4-character word per pattern. */
    DISTINCT_PREFIX,
    /** {@code user-<i>-x}, unanchored: every pattern shares the substring "user-". */
    SHARED_INFIX,
    /**
     * 100 patterns per group {@code g} find each document ({@code hit}; {@code miss} finds none):
     * {@code ^key<g>:<body up to j>.*}, {@code ^KEY<g>:<body up to j>} with flag {@code i},
     * {@code <body from j>/<g>$} and {@code key<g>:<body up to j>(?:-x)?}, where the body is
     * "item" words and j = 1..100: shapes that literals alone decide.
     */
    HIT_HEAVY
  }

  private static final int DOCUMENTS = 64;
  private static final String INDEX = "bench";
  private static final int HITS_PER_GROUP = 100;
  private static final String BODY = "item-".repeat(30);

  @Param({"1000", "10000", "100000"})
  public int patterns;

  @Param({"SHARED_PREFIX", "SHARED_PREFIX_FOLDED", "DISTINCT_PREFIX", "SHARED_INFIX", "HIT_HEAVY"})
  public Layout layout;

  private FilterEngine engine;
  private final Document[] hits = new Document[DOCUMENTS];
  private final Document[] misses = new Document[DOCUMENTS];
  private int nextHit;
  private int nextMiss;

  @Setup
  public void setUp() {
    engine = FilterEngine.create();
    long start = System.nanoTime();
    for (int i = 0; i < patterns; i++) {
      engine.register(INDEX, filter(i));
    }
    long registered = System.nanoTime() - start;
    Random random = new Random(42);
    int expected = layout == Layout.HIT_HEAVY ? HITS_PER_GROUP : 1;
    for (int d = 0; d < DOCUMENTS; d++) {
      int target = layout == Layout.HIT_HEAVY ? random.nextInt(groups()) : random.nextInt(patterns);
      hits[d] = document(value(target, true));
      misses[d] = document(value(target, false));
      check(hits[d], expected);
      check(misses[d], 0);
    }
    System.out.printf("%s, %d patterns: registered in %.1f s (%.1f us per filter)%n", layout, patterns,
        registered / 1e9, registered / 1e3 / patterns);
  }

  private int groups() {
    return patterns / HITS_PER_GROUP;
  }

  private String filter(int i) {
    String source;
    String flags = null;
    switch (layout) {
      case SHARED_PREFIX -> source = "^user-" + i + "-";
      case SHARED_PREFIX_FOLDED -> {
        source = "^USER-" + i + "-";
        flags = "i";
      }
      case DISTINCT_PREFIX -> source = "^" + word(i) + "-";
      case SHARED_INFIX -> source = "user-" + i + "-x";
      default -> {
        int g = i % groups();
        int j = 1 + i / groups();
        switch (j % 4) {
          case 0 -> source = "^key" + g + ":" + BODY.substring(0, j) + ".*";
          case 1 -> {
            source = "^KEY" + g + ":" + BODY.substring(0, j).toUpperCase();
            flags = "i";
          }
          case 2 -> source = BODY.substring(j) + "/" + g + "$";
          default -> source = "key" + g + ":" + BODY.substring(0, j) + "(?:-x)?";
        }
      }
    }
    String value = "\"value\":\"" + source + "\"" + (flags == null ? "" : ",\"flags\":\"" + flags + "\"");
    return "{\"regexp\":{\"name\":{" + value + "}}}";
  }

  /** A document value that one pattern (or one group) finds, or a near miss. */
  private String value(int target, boolean hit) {
    return switch (layout) {
      case SHARED_PREFIX, SHARED_PREFIX_FOLDED -> hit ? "user-" + target + "-x" : "user-" + target + "x";
      case DISTINCT_PREFIX -> hit ? word(target) + "-x" : word(target) + "x";
      case SHARED_INFIX -> hit ? "a user-" + target + "-x" : "a user-" + target + "-y";
      default -> hit ? "key" + target + ":" + BODY + "/" + target : "key" + target + "-" + BODY + "/-" + target;
    };
  }

  /** A distinct 4-character word per number below 36^4, scrambled so that neighbours differ early. */
  private static String word(int i) {
    long scrambled = (i * 1_000_003L) % (36L * 36 * 36 * 36);
    String w = Long.toString(scrambled, 36);
    return "0".repeat(4 - w.length()) + w;
  }

  private static Document document(String name) {
    return Document.parse("{\"name\":\"" + name + "\",\"other\":1}");
  }

  private void check(Document d, int expected) {
    int got = engine.countMatches(INDEX, d);
    if (got != expected) {
      throw new IllegalStateException(layout + ": " + got + " matches instead of " + expected);
    }
  }

  @Benchmark
  public int hit() {
    Document d = hits[nextHit];
    nextHit = (nextHit + 1) & (DOCUMENTS - 1);
    return engine.countMatches(INDEX, d);
  }

  @Benchmark
  public int miss() {
    Document d = misses[nextMiss];
    nextMiss = (nextMiss + 1) & (DOCUMENTS - 1);
    return engine.countMatches(INDEX, d);
  }
}
