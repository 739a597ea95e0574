package dev.herald.benchmarks.compare;

import dev.herald.filter.Document;
import dev.herald.filter.FilterEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replays one workload through Herald's {@link FilterEngine} (one index, one thread), checks that it
 * matches exactly what Koncorde matched, and measures it the way {@code benchmarks/koncorde/run.js}
 * measures Koncorde:
 *
 * <pre>
 * java -cp benchmarks/target/herald-benchmarks.jar dev.herald.benchmarks.compare.Compare \
 *     --workload W.json --koncorde W.koncorde.json --out W.herald.json \
 *     [--warmup 5] [--rounds 5] [--round-seconds 1]
 * </pre>
 *
 * <ul>
 *   <li>registration: every filter, given as a Java map (as Koncorde gets a JavaScript object), is
 *       parsed and registered; wall time of the whole loop;
 *   <li>heap: used heap after full collections, before and after registration, divided by the number
 *       of filters; the harness keeps the returned ids in an array allocated beforehand, as the
 *       Koncorde script does (the ids are the engine's own strings);
 *   <li>matching: one pass over the documents, compared with Koncorde's answers (exit status 1 and the
 *       first differences on standard error when they differ); then documents given as
 *       {@code LinkedHashMap}s parsed beforehand ({@code match(index, Map)}), cycled through for a
 *       warm-up, then timed in rounds, reporting the median round; then the same with the JSON bytes
 *       ({@code match(index, byte[])}, parsing included). For reference, it also times
 *       {@code countMatches(index, Document)} on documents parsed beforehand, Herald's cheapest entry
 *       point (no map to walk, no result list), which has no counterpart in Koncorde.
 * </ul>
 */
public final class Compare {
  private static final String INDEX = "bench";
  private static final int SHOWN_DIFFERENCES = 10;
  /** Where measured loops leave a value derived from the answers, so none can be optimized away. */
  static volatile int blackhole;

  private Compare() {}

  public static void main(String[] args) throws IOException {
    Path workloadFile = null;
    Path koncordeFile = null;
    Path out = null;
    Timing timing = new Timing(5, 3, 5, 1.0);
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        usage("missing value for " + args[i]);
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--workload" -> workloadFile = Path.of(value);
        case "--koncorde" -> koncordeFile = Path.of(value);
        case "--out" -> out = Path.of(value);
        case "--warmup" -> timing = timing.withWarmup(Double.parseDouble(value));
        case "--rounds" -> timing = timing.withRounds(Integer.parseInt(value));
        case "--round-seconds" -> timing = timing.withRoundSeconds(Double.parseDouble(value));
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (workloadFile == null || koncordeFile == null || out == null) {
      usage("--workload, --koncorde and --out are required");
    }
    Map<String, Object> workload = Json.object(Json.read(workloadFile), workloadFile.toString());
    Map<String, Object> koncorde = Json.object(Json.read(koncordeFile), koncordeFile.toString());
    Map<String, Object> result = run(workload, Json.array(koncorde.get("matches"), "matches"), timing, System.err);
    Json.write(out, result);
    int differences = ((Number) result.get("differences")).intValue();
    if (differences > 0) {
      System.err.printf("%s: Herald and Koncorde disagree on %d document(s)%n", workload.get("keyword"), differences);
      System.exit(1);
    }
  }

  private static void usage(String problem) {
    System.err.println("Compare: " + problem);
    System.err.println("usage: Compare --workload W.json --koncorde K.json --out H.json"
        + " [--warmup S] [--rounds N] [--round-seconds S]");
    System.exit(2);
  }

  /** Warm-up seconds before the map and the bytes measurements, rounds, and the minimum round length. */
  record Timing(double warmup, double warmupWithParse, int rounds, double roundSeconds) {
    Timing withWarmup(double seconds) {
      return new Timing(seconds, Math.min(seconds, warmupWithParse), rounds, roundSeconds);
    }

    Timing withRounds(int n) {
      return new Timing(warmup, warmupWithParse, n, roundSeconds);
    }

    Timing withRoundSeconds(double seconds) {
      return new Timing(warmup, warmupWithParse, rounds, seconds);
    }
  }

  /**
   * Registers, checks and measures; returns the figures (with {@code "differences"}, the number of
   * documents on which the engines disagree; nothing is timed when it is not 0).
   */
  static Map<String, Object> run(Map<String, Object> workload, List<Object> koncordeMatches, Timing timing, PrintStream log) {
    String keyword = (String) workload.get("keyword");
    Map<String, Object> filters = Json.object(workload.get("filters"), "filters");
    List<Object> docs = Json.array(workload.get("docs"), "docs");
    int n = filters.size();
    String[] names = filters.keySet().toArray(new String[0]);
    Object[] definitions = filters.values().toArray();
    List<Map<String, Object>> mapList = new ArrayList<>();
    docs.forEach(doc -> mapList.add(Json.object(doc, "document")));
    @SuppressWarnings("unchecked")
    Map<String, Object>[] maps = mapList.toArray(Map[]::new);
    byte[][] bytes = new byte[maps.length][];
    Document[] parsed = new Document[maps.length];
    for (int d = 0; d < maps.length; d++) {
      bytes[d] = Json.bytes(maps[d]);
      parsed[d] = Document.parse(bytes[d]);
    }
    if (koncordeMatches.size() != maps.length) {
      throw new IllegalArgumentException("Koncorde answered " + koncordeMatches.size() + " documents, the workload has " + maps.length);
    }

    // Load and initialise the engine's classes outside the measurements.
    FilterEngine scratch = FilterEngine.create();
    scratch.register(INDEX, scratch.parse(Json.object(definitions[0], "filter")));
    if (maps.length > 0) {
      scratch.match(INDEX, maps[0]);
      scratch.match(INDEX, bytes[0]);
      scratch.countMatches(INDEX, parsed[0]);
    }
    scratch = null; // unreachable before the heap is measured, even from an interpreted frame

    String[] ids = new String[n];
    long heapBefore = usedHeapAfterGc();
    long start = System.nanoTime();
    FilterEngine engine = FilterEngine.create();
    for (int i = 0; i < n; i++) {
      ids[i] = engine.register(INDEX, engine.parse(Json.object(definitions[i], names[i])));
    }
    double registerSeconds = (System.nanoTime() - start) / 1e9;
    long heapAfter = usedHeapAfterGc();
    long heapBytes = heapAfter - heapBefore;

    Map<String, List<String>> namesById = new HashMap<>();
    for (int i = 0; i < n; i++) {
      namesById.computeIfAbsent(ids[i], k -> new ArrayList<>()).add(names[i]);
    }

    // One pass that checks every answer, also warming up.
    List<String> differences = new ArrayList<>();
    int differingDocs = 0;
    long matches = 0;
    int hitDocs = 0;
    for (int d = 0; d < maps.length; d++) {
      List<String> heraldIds = engine.match(INDEX, maps[d]);
      List<String> herald = names(heraldIds, namesById);
      List<String> fromBytes = names(engine.match(INDEX, bytes[d]), namesById);
      int counted = engine.countMatches(INDEX, parsed[d]);
      @SuppressWarnings("unchecked")
      List<String> expected = (List<String>) koncordeMatches.get(d);
      matches += herald.size();
      hitDocs += herald.isEmpty() ? 0 : 1;
      boolean differs = false;
      if (!herald.equals(fromBytes)) {
        differs = true;
        differences.add(String.format("document %d %s: Herald matches %s from a map but %s from JSON bytes",
            d, Json.text(maps[d]), herald, fromBytes));
      }
      if (counted != heraldIds.size()) {
        differs = true;
        differences.add(String.format("document %d %s: Herald matches %d filters from a map but counts %d in the parsed Document",
            d, Json.text(maps[d]), heraldIds.size(), counted));
      }
      if (!herald.equals(expected)) {
        differs = true;
        Set<String> onlyKoncorde = new TreeSet<>(expected);
        onlyKoncorde.removeAll(herald);
        Set<String> onlyHerald = new TreeSet<>(herald);
        onlyHerald.removeAll(expected);
        for (String f : onlyKoncorde) {
          differences.add(String.format("document %d %s, filter %s %s: Koncorde matches, Herald does not",
              d, Json.text(maps[d]), f, Json.text(filters.get(f))));
        }
        for (String f : onlyHerald) {
          differences.add(String.format("document %d %s, filter %s %s: Herald matches, Koncorde does not",
              d, Json.text(maps[d]), f, Json.text(filters.get(f))));
        }
      }
      differingDocs += differs ? 1 : 0;
    }

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("engine", "herald");
    result.put("keyword", keyword);
    result.put("filters", n);
    result.put("distinctIds", namesById.size());
    result.put("docs", maps.length);
    result.put("registerSeconds", registerSeconds);
    result.put("heapBytes", heapBytes);
    result.put("heapBytesPerFilter", (double) heapBytes / n);
    result.put("matchesPerDoc", maps.length == 0 ? 0.0 : (double) matches / maps.length);
    result.put("hitDocs", hitDocs);
    result.put("differences", differingDocs);
    result.put("runtime", "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
        + "), " + Runtime.getRuntime().availableProcessors() + " processors, max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, " + gcNames());
    if (differingDocs > 0) {
      log.printf("%s: %d difference(s) on %d document(s); the first ones:%n", keyword, differences.size(), differingDocs);
      differences.stream().limit(SHOWN_DIFFERENCES).forEach(line -> log.println("  " + line));
      result.put("firstDifferences", differences.subList(0, Math.min(SHOWN_DIFFERENCES, differences.size())));
      return result;
    }
    if (maps.length == 0) {
      return result;
    }

    result.put("loadAverageBefore", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    FilterEngine e = engine;
    Measurement withMaps = measure((from, count) -> {
      int sink = 0;
      for (int k = 0, d = from; k < count; k++, d = d + 1 == maps.length ? 0 : d + 1) {
        sink += e.match(INDEX, maps[d]).size();
      }
      return sink;
    }, maps.length, timing.warmup(), timing);
    // Herald's cheapest entry point, for reference: a pre-parsed Document, counting without a result list.
    Measurement counting = measure((from, count) -> {
      int sink = 0;
      for (int k = 0, d = from; k < count; k++, d = d + 1 == parsed.length ? 0 : d + 1) {
        sink += e.countMatches(INDEX, parsed[d]);
      }
      return sink;
    }, parsed.length, timing.warmupWithParse(), timing);
    Measurement withParse = measure((from, count) -> {
      int sink = 0;
      for (int k = 0, d = from; k < count; k++, d = d + 1 == bytes.length ? 0 : d + 1) {
        sink += e.match(INDEX, bytes[d]).size();
      }
      return sink;
    }, bytes.length, timing.warmupWithParse(), timing);
    result.put("loadAverageAfter", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    result.put("docsPerSecond", withMaps.median());
    result.put("rounds", withMaps.rounds());
    result.put("docsPerCpuSecond", withMaps.cpuMedian());
    result.put("cpuRounds", withMaps.cpuRounds());
    result.put("docsPerSecondCounting", counting.median());
    result.put("roundsCounting", counting.rounds());
    result.put("docsPerSecondWithParse", withParse.median());
    result.put("roundsWithParse", withParse.rounds());
    result.put("docsPerCpuSecondWithParse", withParse.cpuMedian());
    result.put("cpuRoundsWithParse", withParse.cpuRounds());
    log.printf("%s: Herald %,.0f docs/s (%,.0f with JSON parsing), registration %.3f s, %.0f B/filter%n",
        keyword, withMaps.median(), withParse.median(), registerSeconds, (double) heapBytes / n);
    return result;
  }

  private static List<String> names(List<String> ids, Map<String, List<String>> namesById) {
    List<String> names = new ArrayList<>();
    for (String id : ids) {
      List<String> mapped = namesById.get(id);
      if (mapped == null) {
        throw new IllegalStateException("the engine returned an id it never gave: " + id);
      }
      names.addAll(mapped);
    }
    names.sort(null);
    return names;
  }

  private static String gcNames() {
    List<String> names = new ArrayList<>();
    ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> names.add(gc.getName()));
    return String.join(" + ", names);
  }

  static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Matches {@code count} documents starting at {@code from}, cycling; returns something derived from the answers. */
  interface DocLoop {
    int run(int from, int count);
  }

  /** Docs/s per round by the wall clock and per second of the process's CPU time, with their medians. */
  record Measurement(List<Double> rounds, List<Double> cpuRounds) {
    double median() {
      return Compare.median(rounds);
    }

    double cpuMedian() {
      return Compare.median(cpuRounds);
    }
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** CPU time of every thread of this process (JIT compilers and collectors included), in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Cycles through the documents: a warm-up, then rounds of at least the round length. */
  static Measurement measure(DocLoop loop, int docs, double warmupSeconds, Timing timing) {
    int sink = 0;
    int next = 0;
    // Batches of about a millisecond keep the clock out of the measured loop.
    int batch = 1;
    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    long batchStart = System.nanoTime();
    do {
      sink += loop.run(next, batch);
      next = (int) ((next + (long) batch) % docs);
      long now = System.nanoTime();
      if (now - batchStart < 1_000_000 && batch < 1 << 16) {
        batch *= 2;
      } else if (now - batchStart > 4_000_000 && batch > 1) {
        batch /= 2;
      }
      batchStart = now;
    } while (System.nanoTime() < warmupEnd);
    List<Double> rounds = new ArrayList<>();
    List<Double> cpuRounds = new ArrayList<>();
    long roundNanos = (long) (timing.roundSeconds() * 1e9);
    for (int r = 0; r < timing.rounds(); r++) {
      long done = 0;
      long cpuBegin = processCpuNanos();
      long begin = System.nanoTime();
      long elapsed;
      do {
        sink += loop.run(next, batch);
        next = (int) ((next + (long) batch) % docs);
        done += batch;
        elapsed = System.nanoTime() - begin;
      } while (elapsed < roundNanos);
      long cpu = processCpuNanos() - cpuBegin;
      rounds.add(done / (elapsed / 1e9));
      cpuRounds.add(done / (cpu / 1e9));
    }
    blackhole = sink;
    return new Measurement(rounds, cpuRounds);
  }
}
