package dev.herald.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints the Markdown table of a comparison run from the result files {@code compare.sh} leaves in a
 * directory ({@code <keyword>.koncorde.json} and {@code <keyword>.herald.json}), then how the figures
 * stand against the project's targets:
 *
 * <pre>
 * java -cp benchmarks/target/herald-benchmarks.jar dev.herald.benchmarks.compare.Report DIR [keyword,...]
 * </pre>
 *
 * Exits with status 1 when a keyword's results are missing or the engines disagreed on it.
 */
public final class Report {
  /** Koncorde keeps these keywords' shapes and regexps in native memory, out of the V8 heap. */
  private static final Set<String> NATIVE = Set.of("regexp", "geoBoundingBox", "geoDistance", "geoDistanceRange", "geoPolygon");
  private static final Set<String> SIMPLE = Set.of("equals", "exists", "range");
  private static final Set<String> HUNDREDFOLD = Set.of("range", "regexp", "geoPolygon");
  private static final int TARGET_FILTERS = 10_000;

  private Report() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: Report DIR [keyword,...]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    List<String> keywords = args.length == 2 ? Workloads.keywords(args[1]) : Workloads.KEYWORDS;
    List<Row> rows = new ArrayList<>();
    boolean failed = false;
    for (String keyword : keywords) {
      Path k = dir.resolve(keyword + ".koncorde.json");
      Path h = dir.resolve(keyword + ".herald.json");
      if (!Files.exists(k) || !Files.exists(h)) {
        if (args.length == 2) {
          System.err.println("Report: no results for " + keyword + " in " + dir);
          failed = true;
        }
        continue;
      }
      Row row = new Row(keyword, Json.object(Json.read(k), k.toString()), Json.object(Json.read(h), h.toString()));
      failed |= row.differences() > 0;
      rows.add(row);
    }
    System.out.print(table(rows));
    System.out.println();
    System.out.println("The same measurements in documents per second of the process's CPU time (all threads), less"
        + " sensitive to other load on the machine:");
    System.out.println();
    System.out.print(cpuTable(rows));
    System.out.println();
    System.out.println("Herald's entry points (docs/s, wall clock): the table's match(index, Map), countMatches(index, Document)"
        + " on documents parsed beforehand (no result list), and match(index, byte[]) with parsing:");
    System.out.println();
    System.out.print(entryPoints(rows));
    System.out.println();
    System.out.print(targets(rows));
    if (!rows.isEmpty()) {
      System.out.println();
      System.out.println("Koncorde: " + rows.get(0).koncorde.get("runtime"));
      System.out.println("Herald: " + rows.get(0).herald.get("runtime"));
      System.out.println(loads(rows));
    }
    if (failed) {
      System.exit(1);
    }
  }

  record Row(String keyword, Map<String, Object> koncorde, Map<String, Object> herald) {
    int differences() {
      return number(herald, "differences").intValue();
    }

    double ratio(String figure) {
      return number(herald, figure).doubleValue() / number(koncorde, figure).doubleValue();
    }

    int filters() {
      return number(herald, "filters").intValue();
    }
  }

  private static Number number(Map<String, Object> result, String key) {
    Object v = result.get(key);
    return v instanceof Number ? (Number) v : Double.NaN;
  }

  static String table(List<Row> rows) {
    StringBuilder t = new StringBuilder();
    t.append("| keyword | filters (distinct) | matches/doc | Koncorde docs/s | Herald docs/s | Herald ÷ Koncorde"
        + " | Koncorde registration | Herald registration | Koncorde heap/filter | Herald heap/filter |\n");
    t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      String filters = String.format(Locale.ROOT, "%,d (%,d)", r.filters(), number(r.herald, "distinctIds").intValue());
      String matches = String.format(Locale.ROOT, "%.2f", number(r.herald, "matchesPerDoc").doubleValue());
      if (r.differences() > 0) {
        t.append(String.format("| %s | %s | %s | **engines disagree on %d documents** | | | | | | |%n",
            r.keyword, filters, matches, r.differences()));
        continue;
      }
      String koncordeHeap = NATIVE.contains(r.keyword) ? "n/a" : bytes(number(r.koncorde, "heapBytesPerFilter"));
      t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.keyword, filters, matches,
          rate(number(r.koncorde, "docsPerSecond")), rate(number(r.herald, "docsPerSecond")), times(r.ratio("docsPerSecond")),
          seconds(number(r.koncorde, "registerSeconds")), seconds(number(r.herald, "registerSeconds")),
          koncordeHeap, bytes(number(r.herald, "heapBytesPerFilter"))));
      t.append(String.format(Locale.ROOT, "| %s (with JSON parsing) | | | %s | %s | %s | | | | |%n", r.keyword,
          rate(number(r.koncorde, "docsPerSecondWithParse")), rate(number(r.herald, "docsPerSecondWithParse")),
          times(r.ratio("docsPerSecondWithParse"))));
    }
    return t.toString();
  }

  static String cpuTable(List<Row> rows) {
    StringBuilder t = new StringBuilder();
    t.append("| keyword | Koncorde docs/CPU-s | Herald docs/CPU-s | Herald ÷ Koncorde"
        + " | with JSON parsing: Koncorde | Herald | Herald ÷ Koncorde |\n");
    t.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      if (r.differences() > 0) {
        continue;
      }
      t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", r.keyword,
          rate(number(r.koncorde, "docsPerCpuSecond")), rate(number(r.herald, "docsPerCpuSecond")),
          times(r.ratio("docsPerCpuSecond")),
          rate(number(r.koncorde, "docsPerCpuSecondWithParse")), rate(number(r.herald, "docsPerCpuSecondWithParse")),
          times(r.ratio("docsPerCpuSecondWithParse"))));
    }
    return t.toString();
  }

  static String entryPoints(List<Row> rows) {
    StringBuilder t = new StringBuilder();
    t.append("| keyword | match(index, Map) | countMatches(index, Document) | match(index, byte[]) |\n");
    t.append("|---|---:|---:|---:|\n");
    for (Row r : rows) {
      if (r.differences() > 0) {
        continue;
      }
      t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", r.keyword, rate(number(r.herald, "docsPerSecond")),
          rate(number(r.herald, "docsPerSecondCounting")), rate(number(r.herald, "docsPerSecondWithParse"))));
    }
    return t.toString();
  }

  static String targets(List<Row> rows) {
    List<String> missed = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int checked = 0;
    for (Row r : rows) {
      if (r.filters() != TARGET_FILTERS || r.differences() > 0) {
        continue;
      }
      checked++;
      double ratio = r.ratio("docsPerSecond");
      double needed = HUNDREDFOLD.contains(r.keyword) ? 100 : 10;
      if (!(ratio >= needed)) {
        missed.add(String.format(Locale.ROOT, "%s: %s Koncorde's docs/s, the target is %.0f× (Herald %s, Koncorde %s docs/s;"
            + " %s per CPU second)", r.keyword, times(ratio), needed, rate(number(r.herald, "docsPerSecond")),
            rate(number(r.koncorde, "docsPerSecond")), times(r.ratio("docsPerCpuSecond"))));
      }
      double parseRatio = r.ratio("docsPerSecondWithParse");
      if (!(parseRatio >= needed)) {
        notes.add(r.keyword + " " + times(parseRatio));
      }
      if (SIMPLE.contains(r.keyword)) {
        double share = number(r.herald, "heapBytesPerFilter").doubleValue() / number(r.koncorde, "heapBytesPerFilter").doubleValue();
        if (!(share <= 1.0 / 3)) {
          missed.add(String.format(Locale.ROOT, "%s: heap per filter %s is %.2f of Koncorde's %s, the target is at most 1/3",
              r.keyword, bytes(number(r.herald, "heapBytesPerFilter")), share, bytes(number(r.koncorde, "heapBytesPerFilter"))));
        }
      }
    }
    StringBuilder s = new StringBuilder();
    if (checked == 0) {
      s.append(String.format(Locale.ROOT, "Targets: not checked (they are set at %,d filters per keyword).%n", TARGET_FILTERS));
      return s.toString();
    }
    s.append(String.format("Targets (%d keywords at %,d filters): docs/s at least 10× Koncorde's on every keyword and 100× on"
        + " range, regexp and geoPolygon; heap per filter at most a third of Koncorde's on equals, exists and range.%n",
        checked, TARGET_FILTERS));
    if (missed.isEmpty()) {
      s.append("All met.\n");
    } else {
      missed.forEach(m -> s.append("- missed: ").append(m).append('\n'));
    }
    if (!notes.isEmpty()) {
      s.append("- with JSON parsing (not a target), below the same factor: ").append(String.join(", ", notes)).append('\n');
    }
    return s.toString();
  }

  /** The 1-minute load averages at the start and end of each engine's measurements, keyword by keyword. */
  static String loads(List<Row> rows) {
    StringBuilder s = new StringBuilder("Load average (1 min) before/after measuring, Koncorde | Herald:");
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT, " %s %.1f/%.1f | %.1f/%.1f;", r.keyword,
          number(r.koncorde, "loadAverageBefore").doubleValue(), number(r.koncorde, "loadAverageAfter").doubleValue(),
          number(r.herald, "loadAverageBefore").doubleValue(), number(r.herald, "loadAverageAfter").doubleValue()));
    }
    s.setLength(s.length() - 1);
    return s.toString();
  }

  private static String rate(Number docsPerSecond) {
    double v = docsPerSecond.doubleValue();
    return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String times(double ratio) {
    if (Double.isNaN(ratio)) {
      return "?";
    }
    return String.format(Locale.ROOT, ratio >= 10 ? "%,.0f×" : "%.1f×", ratio);
  }

  private static String seconds(Number s) {
    return String.format(Locale.ROOT, "%.2f s", s.doubleValue());
  }

  private static String bytes(Number b) {
    double v = b.doubleValue();
    return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%,.0f B", v);
  }
}
