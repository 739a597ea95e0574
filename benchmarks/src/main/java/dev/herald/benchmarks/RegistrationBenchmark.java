package dev.herald.benchmarks;

import dev.herald.filter.FilterEngine;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Registration and removal throughput: {@code register} adds the {@value #FILTERS} filters of
 * {@link MatchBenchmark}'s MISS workload of a keyword, given as JSON text, to an empty engine
 * (parsing, validating, normalizing, hashing the id, filing the conditions); {@code remove} then
 * takes every one of them out again by id. Each measured iteration is one such batch on a fresh
 * engine (single shot; the engine is built before the clock starts), and the score is divided by
 * the batch: microseconds per filter, the inverse of filters per second.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/herald-benchmarks.jar RegistrationBenchmark               # 22 runs
 * java -jar benchmarks/target/herald-benchmarks.jar RegistrationBenchmark -p keyword=geoPolygon -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(RegistrationBenchmark.FILTERS)
@Warmup(iterations = 5)
@Measurement(iterations = 5)
@Fork(Settings.FORKS)
public class RegistrationBenchmark {
  static final int FILTERS = 10_000;
  private static final String INDEX = "bench";

  /** The filters of one keyword, as JSON text. */
  @State(Scope.Benchmark)
  public static class Filters {
    @Param({"equals", "in", "exists", "range", "regexp", "geoBoundingBox", "geoDistance", "geoDistanceRange",
        "geoPolygon", "match", "mixed"})
    public String keyword;

    List<String> json;

    @Setup
    public void setUp() {
      json = Workload.of(keyword, Shape.MISS, FILTERS).filterList();
    }
  }

  /** A fresh, empty engine for each iteration. */
  @State(Scope.Thread)
  public static class Empty {
    FilterEngine engine;

    @Setup(Level.Iteration)
    public void setUp() {
      engine = FilterEngine.create();
    }

    @TearDown(Level.Iteration)
    public void check() {
      if (engine.stats().filters() != FILTERS) {
        throw new IllegalStateException("registered " + engine.stats().filters() + " filters");
      }
    }
  }

  /** A fresh engine holding the filters, and their ids, for each iteration. */
  @State(Scope.Thread)
  public static class Full {
    FilterEngine engine;
    String[] ids;

    @Setup(Level.Iteration)
    public void setUp(Filters filters) {
      engine = FilterEngine.create();
      ids = new String[filters.json.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = engine.register(INDEX, filters.json.get(i));
      }
    }

    @TearDown(Level.Iteration)
    public void check() {
      if (engine.stats().filters() != 0 || !engine.indexes().isEmpty()) {
        throw new IllegalStateException("left " + engine.stats());
      }
    }
  }

  @Benchmark
  public FilterEngine register(Filters filters, Empty empty) {
    for (String f : filters.json) {
      empty.engine.register(INDEX, f);
    }
    return empty.engine;
  }

  @Benchmark
  public FilterEngine remove(Full full) {
    for (String id : full.ids) {
      full.engine.remove(INDEX, id);
    }
    return full.engine;
  }
}
