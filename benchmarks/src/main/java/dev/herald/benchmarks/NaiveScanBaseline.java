package dev.herald.benchmarks;

import dev.herald.filter.Document;
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
 * The baseline of {@link MatchBenchmark}: the same workloads (same filters, same documents, given in
 * the same order) matched by trying every filter on the document, one after the other: each filter
 * is registered alone in an index of its own and the scan sums {@code countMatches} over all of them
 * (see {@link NaiveScan}). The engine must beat it by far; {@link Smoke} fails the build when it is
 * not at least 20 times faster at 10,000 filters.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/herald-benchmarks.jar NaiveScanBaseline                 # 33 runs
 * java -jar benchmarks/target/herald-benchmarks.jar '\.MatchBenchmark|NaiveScanBaseline' -p filters=10000 -p keyword=equals
 * </pre>
 *
 * Scores are nanoseconds per document; divide by {@code MatchBenchmark}'s score for the same
 * keyword, shape and filters to get the engine's speed-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = Settings.WARMUP_ITERATIONS, time = Settings.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = Settings.MEASUREMENT_ITERATIONS, time = Settings.ITERATION_MILLIS,
    timeUnit = TimeUnit.MILLISECONDS)
@Fork(Settings.FORKS)
public class NaiveScanBaseline {
  @Param({"equals", "in", "exists", "range", "regexp", "geoBoundingBox", "geoDistance", "geoDistanceRange",
      "geoPolygon", "match", "mixed"})
  public String keyword;

  @Param({"10000"})
  public int filters;

  @Param({"MISS", "HIT_HEAVY", "PARTIAL"})
  public Shape shape;

  private NaiveScan scan;
  private Document[] documents;
  private int next;

  @Setup
  public void setUp() {
    Workload w = Workload.of(keyword, shape, filters);
    long start = System.nanoTime();
    scan = NaiveScan.of(w);
    documents = w.documents();
    double mean = w.verify(scan::countMatches);
    System.out.printf("%s: %d single-filter indexes built in %.1f s, %.1f matches per document%n", w, filters,
        (System.nanoTime() - start) / 1e9, mean);
  }

  @Benchmark
  public int scan() {
    Document d = documents[next];
    next = (next + 1) & (Workload.DOCUMENTS - 1);
    return scan.countMatches(d);
  }
}
