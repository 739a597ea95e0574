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
 * Matching one already-parsed document against {@code filters} equals filters on one field (random
 * 20-character strings, as in Koncorde's benchmark): a miss (the value is registered by no filter)
 * and a hit (exactly one filter matches). The miss allocates nothing: run with {@code -prof gc} and
 * read {@code gc.alloc.rate.norm}, about 0 B/op.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/herald-benchmarks.jar EqualsMatchBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EqualsMatchBenchmark {
  @Param({"10000"})
  public int filters;

  private FilterEngine engine;
  private Document miss;
  private Document hit;

  @Setup
  public void setUp() {
    engine = FilterEngine.create();
    Random random = new Random(42);
    String last = null;
    for (int i = 0; i < filters; i++) {
      last = randomString(random);
      engine.register("bench", "{\"equals\":{\"name\":\"" + last + "\"}}");
    }
    miss = Document.parse("{\"name\":\"" + randomString(random) + "\",\"other\":1}");
    hit = Document.parse("{\"name\":\"" + last + "\",\"other\":1}");
    if (engine.countMatches("bench", miss) != 0 || engine.countMatches("bench", hit) != 1) {
      throw new IllegalStateException("workload is wrong");
    }
  }

  static String randomString(Random random) {
    char[] c = new char[20];
    for (int i = 0; i < c.length; i++) {
      c[i] = (char) ('a' + random.nextInt(26));
    }
    return new String(c);
  }

  @Benchmark
  public int equalsMiss() {
    return engine.countMatches("bench", miss);
  }

  @Benchmark
  public int equalsHit() {
    return engine.countMatches("bench", hit);
  }
}
