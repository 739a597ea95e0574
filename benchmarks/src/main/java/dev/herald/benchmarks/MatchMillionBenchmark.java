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
 * {@link MatchBenchmark} at 1,000,000 filters, for the keywords with exact indexes: equals, in,
 * exists and range, in the three {@link Shape}s. A class of its own so that the other keywords are
 * never combined with this size. Registering a million filters takes a while (the setup prints how
 * long), and the fork gets an 8 GB heap.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/herald-benchmarks.jar MatchMillionBenchmark            # 12 runs
 * java -jar benchmarks/target/herald-benchmarks.jar MatchMillionBenchmark -p keyword=equals -p shape=MISS
 * </pre>
 *
 * Scores are nanoseconds per document; compare with {@link MatchBenchmark} at 10,000 filters.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = Settings.WARMUP_ITERATIONS, time = Settings.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = Settings.MEASUREMENT_ITERATIONS, time = Settings.ITERATION_MILLIS,
    timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = Settings.FORKS, jvmArgsAppend = "-Xmx8g")
public class MatchMillionBenchmark {
  @Param({"equals", "in", "exists", "range"})
  public String keyword;

  @Param({"1000000"})
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
