package dev.herald.benchmarks;

import dev.herald.filter.Filter;
import dev.herald.filter.FilterEngine;
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
 * Validating and normalizing one filter, as its size grows up to the condition limit (100): the
 * shape on which Koncorde's truth table explodes, an OR of {@code groups} groups
 * {@code and(equals, or(equals, equals))}, 3 conditions and 2 conjunctions per group (16 boolean
 * variables, 8 groups, took Koncorde about a minute). Herald's cost grows polynomially: compare the
 * scores across {@code groups}.
 *
 * <pre>
 * java -jar benchmarks/target/herald-benchmarks.jar NormalizationBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NormalizationBenchmark {
  /** 33 groups is 99 conditions, at the default limit of 100. */
  @Param({"4", "8", "16", "33"})
  public int groups;

  private FilterEngine engine;
  private String filter;

  @Setup
  public void setUp() {
    engine = FilterEngine.create();
    filter = koncordeBlowUp(groups);
    Filter f = engine.parse(filter);
    if (f.conjunctions() != 2 * groups || f.conditions() != 3 * groups) {
      throw new IllegalStateException("unexpected normal form " + f);
    }
  }

  /** An OR of {@code groups} groups and(a_i = 1, or(b_i = 1, c_i = 1)). */
  static String koncordeBlowUp(int groups) {
    StringBuilder f = new StringBuilder("{\"or\":[");
    for (int i = 0; i < groups; i++) {
      f.append(i == 0 ? "" : ",").append("{\"and\":[{\"equals\":{\"a").append(i).append("\":1}},{\"or\":[")
          .append("{\"equals\":{\"b").append(i).append("\":1}},{\"equals\":{\"c").append(i).append("\":1}}]}]}");
    }
    return f.append("]}").toString();
  }

  @Benchmark
  public Filter normalize() {
    return engine.parse(filter);
  }
}
