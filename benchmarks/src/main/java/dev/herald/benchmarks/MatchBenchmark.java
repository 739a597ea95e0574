package dev.herald.benchmarks;

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
 * Matching one already-parsed document against {@code filters} registered filters of one keyword
 * ({@code mixed}: ten keywords, a tenth each), for each workload {@link Shape}: MISS (no filter
 * matches), HIT_HEAVY (about 100 do) and PARTIAL (every document satisfies half the conditions of
 * every filter, and completes one). Each call matches the next of 64 documents with
 * {@code FilterEngine.countMatches}, which allocates nothing, and returns the count. The filters and
 * documents of each keyword and shape are described in {@link Workload}; the setup checks the shape
 * and prints the registration time. {@link NaiveScanBaseline} runs the same workloads by trying
 * every filter; {@link MatchMillionBenchmark} the same at 1,000,000 filters.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/herald-benchmarks.jar '\.MatchBenchmark'                # 66 runs
 * java -jar benchmarks/target/herald-benchmarks.jar '\.MatchBenchmark' -p keyword=range -p shape=PARTIAL -prof gc
 * </pre>
 *
 * (The leading {@code \.} keeps {@code EqualsMatchBenchmark} out: JMH finds the pattern anywhere in
 * the benchmark's name.)
 *
 * Scores are nanoseconds per document; compare across {@code filters}: an index's cost follows the
 * matches, not the number of filters.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = Settings.WARMUP_ITERATIONS, time = Settings.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = Settings.MEASUREMENT_ITERATIONS, time = Settings.ITERATION_MILLIS,
    timeUnit = TimeUnit.MILLISECONDS)
@Fork(Settings.FORKS)
public class MatchBenchmark {
  @Param({"equals", "in", "exists", "range", "regexp", "geoBoundingBox", "geoDistance", "geoDistanceRange",
      "geoPolygon", "match", "mixed"})
  public String keyword;

  @Param({"10000", "100000"})
  public int filters;

  @Param({"MISS", "HIT_HEAVY", "PARTIAL"})
  public Shape shape;

  private RegisteredWorkload workload;

  @Setup
  public void setUp() {
    workload = RegisteredWorkload.of(Workload.of(keyword, shape, filters));
  }

  @Benchmark
  public int match() {
    return workload.matchNext();
  }
}
