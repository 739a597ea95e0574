package dev.herald.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The suite's smoke run, for CI: every benchmark of the suite at its smallest size with a few short
 * iterations (about 50 JMH runs, 2 to 4 minutes on 2 cores), a compact table of the scores, and the
 * hot-path guard. Exits with 1 when the guard fails, 2 when a benchmark fails.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/herald-benchmarks.jar dev.herald.benchmarks.Smoke [LOG_DIRECTORY]
 * </pre>
 *
 * <p><b>The guard.</b> In the same run, at 10,000 filters, the engine ({@link MatchBenchmark}) must
 * match documents at least {@value #REQUIRED_SPEEDUP} times faster than trying every filter
 * ({@link NaiveScanBaseline}), comparing the best measured iteration of each (on a shared 2-core
 * machine, a busy minute can slow one side several times over; the best iteration of each is the
 * least disturbed estimate), on these workloads: {@code equals/MISS} (Koncorde's own
 * benchmark) and {@code mixed/MISS} (ten keywords, a thousand filters each: a keyword whose misses
 * fell back to trying its filters would show), and {@code mixed/PARTIAL} (every document satisfies
 * one condition of every filter and matches one: an index that reached conjunctions through a
 * popular value instead of the selective one would scan them; 13,000 times faster here). The
 * speed-up of {@code mixed/HIT_HEAVY} is printed, not guarded: with about 100 matches per document,
 * a tenth of them regexps and four tenths exact geodesic tests, both sides pay mostly for the
 * matches (1,000 to 2,000 times here, 25 in a run on a loaded machine).
 *
 * <p>It also prints the fan-out figure of the issue: the cost of one more subscriber (the slope of
 * {@link FanoutBenchmark} between 1 and 1,000 subscribers) against the cost of serializing the
 * notification once ({@link ProtocolBenchmark}: {@code notificationEncoding - notificationUnmatched}),
 * target under 5%; informative, not guarded, also from the best iterations. JMH's full output goes
 * to one log file per group, in {@code LOG_DIRECTORY} (default: a new temporary directory).
 */
public final class Smoke {
  /** How much faster than the naive scan the engine must be on the guarded workloads. */
  static final double REQUIRED_SPEEDUP = 20;
  static final int FILTERS = 10_000;
  static final List<String> GUARDED = List.of("equals/MISS", "mixed/MISS", "mixed/PARTIAL");
  static final List<String> REPORTED = List.of("mixed/HIT_HEAVY");

  private final Path logs;
  private final List<RunResult> results = new ArrayList<>();

  private Smoke(Path logs) {
    this.logs = logs;
  }

  public static void main(String[] args) throws IOException {
    Path logs = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("herald-smoke-");
    Files.createDirectories(logs);
    long start = System.nanoTime();
    Smoke smoke = new Smoke(logs);
    int status;
    try {
      smoke.runAll();
      status = smoke.report();
    } catch (RunnerException e) {
      System.out.println("SMOKE FAILED: a benchmark failed: " + e.getMessage() + (e.getCause() == null ? ""
          : " (" + e.getCause() + ")"));
      status = 2;
    }
    System.out.printf(Locale.ROOT, "smoke %s in %s (JMH logs in %s)%n", status == 0 ? "passed" : "FAILED",
        minutes(System.nanoTime() - start), logs);
    System.exit(status);
  }

  private void runAll() throws RunnerException {
    String filters = Integer.toString(FILTERS);
    // The engine's loop is compiled within its first milliseconds. The naive scan gets a longer
    // warm-up so that it is not flattered by a slow start, and so do fan-out and encoding, whose
    // serialization takes about a second to settle.
    run("match", options("MatchBenchmark", 2, 200, 5).param("filters", filters));
    run("naive", options("NaiveScanBaseline", 3, 300, 5).param("filters", filters)
        .param("keyword", "equals", "mixed").param("shape", "MISS", "PARTIAL", "HIT_HEAVY"));
    run("registration", options("RegistrationBenchmark", 2, 200, 3).param("keyword", "equals", "mixed"));
    run("fanout", options("FanoutBenchmark", 3, 500, 3).param("subscribers", "1", "1000"));
    run("protocol", options("ProtocolBenchmark", 3, 500, 3));
  }

  /**
   * One fork per run, {@code warmups} warm-up and {@code measured} iterations of {@code millis}
   * each (single-shot benchmarks ignore the time); failures stop the smoke.
   */
  private ChainedOptionsBuilder options(String benchmarkClass, int warmups, int millis, int measured) {
    return new OptionsBuilder()
        .include("dev\\.herald\\.benchmarks\\." + benchmarkClass + "\\.")
        .forks(1)
        .warmupIterations(warmups)
        .warmupTime(TimeValue.milliseconds(millis))
        .measurementIterations(measured)
        .measurementTime(TimeValue.milliseconds(millis))
        .shouldFailOnError(true);
  }

  private void run(String group, ChainedOptionsBuilder options) throws RunnerException {
    Path log = logs.resolve(group + ".log");
    long start = System.nanoTime();
    System.out.printf("[smoke] %s...%n", group);
    try {
      Collection<RunResult> rs = new Runner(options.output(log.toString()).build()).run();
      if (rs.isEmpty()) {
        throw new RunnerException("no benchmark matched the group " + group);
      }
      results.addAll(rs);
      System.out.printf(Locale.ROOT, "[smoke] %s: %d runs in %s%n", group, rs.size(), minutes(System.nanoTime() - start));
    } catch (RunnerException e) {
      printTail(log);
      throw e;
    }
  }

  private int report() {
    System.out.println();
    System.out.printf("%-44s %-28s %14s %12s %14s  %s%n", "benchmark", "parameters", "score", "error", "best", "unit");
    for (RunResult r : results) {
      var p = r.getParams();
      List<String> values = new ArrayList<>();
      for (String key : p.getParamsKeys()) {
        values.add(p.getParam(key));
      }
      var result = r.getPrimaryResult();
      System.out.printf(Locale.ROOT, "%-44s %-28s %14.1f %12.1f %14.1f  %s%n", shortName(p.getBenchmark()),
          String.join(" ", values), result.getScore(), result.getScoreError(), result.getStatistics().getMin(),
          result.getScoreUnit());
    }

    System.out.println();
    System.out.printf(Locale.ROOT, "guard: at %,d filters the engine is at least %.0fx faster than the naive scan"
        + " (best iterations)%n", FILTERS, REQUIRED_SPEEDUP);
    boolean ok = true;
    for (String workload : concat(GUARDED, REPORTED)) {
      String[] kw = workload.split("/");
      Double engine = nanos("MatchBenchmark.match", "keyword", kw[0], "shape", kw[1]);
      Double naive = nanos("NaiveScanBaseline.scan", "keyword", kw[0], "shape", kw[1]);
      boolean guarded = GUARDED.contains(workload);
      if (engine == null || naive == null) {
        System.out.printf("  %-16s missing result%n", workload);
        ok = false;
        continue;
      }
      double speedup = naive / engine;
      boolean pass = speedup >= REQUIRED_SPEEDUP;
      ok &= pass || !guarded;
      System.out.printf(Locale.ROOT, "  %-16s engine %12s  naive scan %12s  %,10.0fx  %s%n", workload, time(engine),
          time(naive), speedup, guarded ? (pass ? "ok" : "FAILED") : "(not guarded)");
    }

    Double one = nanos("FanoutBenchmark.publishToSubscribers", "subscribers", "1");
    Double thousand = nanos("FanoutBenchmark.publishToSubscribers", "subscribers", "1000");
    Double encoding = nanos("ProtocolBenchmark.notificationEncoding");
    Double unmatched = nanos("ProtocolBenchmark.notificationUnmatched");
    if (one != null && thousand != null && encoding != null && unmatched != null) {
      double perSubscriber = (thousand - one) / 999;
      double serialization = encoding - unmatched;
      System.out.printf(Locale.ROOT, "fan-out: one more subscriber %s, serializing the notification once %s: %.1f%%"
          + " (target under 5%%, not guarded)%n", time(perSubscriber), time(serialization),
          100 * perSubscriber / serialization);
    }
    System.out.println(ok ? "guard: passed" : "guard: FAILED");
    return ok ? 0 : 1;
  }

  /**
   * The best iteration of a benchmark (its name ends with {@code method}) with these parameters, in
   * nanoseconds; null when it did not run.
   */
  private Double nanos(String method, String... params) {
    for (RunResult r : results) {
      var p = r.getParams();
      if (!p.getBenchmark().endsWith("." + method)) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < params.length; i += 2) {
        all &= params[i + 1].equals(p.getParam(params[i]));
      }
      if (all) {
        var result = r.getPrimaryResult();
        return result.getStatistics().getMin() * nanosPer(result.getScoreUnit());
      }
    }
    return null;
  }

  private static double nanosPer(String unit) {
    String u = unit.substring(0, unit.indexOf('/'));
    return switch (u) {
      case "ns" -> 1;
      case "us" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      default -> throw new IllegalArgumentException("unit " + unit);
    };
  }

  private static String time(double nanos) {
    if (nanos >= 1e6) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    if (nanos >= 1e4) {
      return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f ns", nanos);
  }

  private static String minutes(long nanos) {
    long s = TimeUnit.NANOSECONDS.toSeconds(nanos);
    return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }

  private static String shortName(String benchmark) {
    return benchmark.substring("dev.herald.benchmarks.".length());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static void printTail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      System.out.println("---- last lines of " + log);
      lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
    } catch (IOException e) {
      System.out.println("(cannot read " + log + ": " + e + ")");
    }
  }
}
