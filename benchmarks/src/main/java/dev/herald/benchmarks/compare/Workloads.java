package dev.herald.benchmarks.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic workloads for the comparison with Koncorde: per keyword, filters in the shapes of
 * Koncorde's own benchmark, and documents of which half are built to match a filter and half to match
 * none. The same seed always gives the same files.
 *
 * <pre>
 * java -cp benchmarks/target/herald-benchmarks.jar dev.herald.benchmarks.compare.Workloads \
 *     --out DIR [--filters 10000] [--docs 1000] [--seed 42] [--keywords equals,range]
 * </pre>
 *
 * writes {@code DIR/<keyword>.json}: {@code {"keyword", "filters": {"<id>": <filter>}, "docs": [...]}}.
 *
 * <p>Both engines must give the same answer on every document, so the workloads stay clear of the
 * cases where Herald deliberately corrects Koncorde (the {@code "deviation"} cases of the conformance
 * file): range bounds are inclusive and every number is an integer well below 2^20, {@code in} holds
 * strings only, regexps have no {@code g} or {@code y} flag and are never negated, distances are
 * strings with a unit, boxes and polygons stay off the antimeridian and the poles, only one geo field
 * is used per workload, and every generated point is several percent of the radius (geoDistance,
 * geoDistanceRange) or a fixed angle (boxes, polygons) away from every shape's boundary, where the
 * engines' geometry differs slightly (ellipsoid versus sphere, Koncorde's clipping rectangle).
 */
public final class Workloads {
  public static final List<String> KEYWORDS = List.of("equals", "exists", "in", "range", "regexp",
      "geoBoundingBox", "geoDistance", "geoDistanceRange", "geoPolygon", "match", "mixed");
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_FILTERS = 10_000;
  public static final int DEFAULT_DOCS = 1_000;

  private static final String STRING_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

  private Workloads() {}

  /** One keyword's filters (by generated id, in order) and documents. */
  public record Workload(String keyword, Map<String, Object> filters, List<Map<String, Object>> docs) {
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("keyword", keyword);
      json.put("filters", filters);
      json.put("docs", docs);
      return json;
    }
  }

  public static Workload generate(String keyword, int filterCount, int docCount, long seed) {
    if (filterCount < 1 || docCount < 0) {
      throw new IllegalArgumentException("at least one filter and no negative document count");
    }
    // String.hashCode is specified, so every keyword gets its own stream on every JVM.
    Random random = new Random(seed * 1_000_003L + keyword.hashCode());
    Generator g = generator(keyword, random);
    int width = Math.max(5, String.valueOf(filterCount - 1).length());
    Map<String, Object> filters = new LinkedHashMap<>();
    for (int i = 0; i < filterCount; i++) {
      filters.put(String.format("f%0" + width + "d", i), g.filter(i));
    }
    List<Boolean> hits = new ArrayList<>(docCount);
    for (int i = 0; i < docCount; i++) {
      hits.add(i < docCount / 2);
    }
    java.util.Collections.shuffle(hits, random);
    List<Map<String, Object>> docs = new ArrayList<>(docCount);
    for (boolean hit : hits) {
      docs.add(document(g, hit, filterCount, random));
    }
    return new Workload(keyword, filters, docs);
  }

  private static Map<String, Object> document(Generator g, boolean hit, int filterCount, Random random) {
    for (int attempt = 0; attempt < 100_000; attempt++) {
      Map<String, Object> doc = hit ? g.hit(random.nextInt(filterCount)) : g.miss();
      if (!g.nearBoundary(doc)) {
        return doc;
      }
    }
    throw new IllegalStateException("no document clear of every boundary after 100000 attempts");
  }

  public static Path write(Workload workload, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(workload.keyword() + ".json");
    Json.write(file, workload.toJson());
    return file;
  }

  public static void main(String[] args) throws IOException {
    Path out = null;
    int filters = DEFAULT_FILTERS;
    int docs = DEFAULT_DOCS;
    long seed = DEFAULT_SEED;
    List<String> keywords = KEYWORDS;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--out" -> out = Path.of(required(value, "--out"));
        case "--filters" -> filters = Integer.parseInt(required(value, "--filters"));
        case "--docs" -> docs = Integer.parseInt(required(value, "--docs"));
        case "--seed" -> seed = Long.parseLong(required(value, "--seed"));
        case "--keywords" -> keywords = keywords(required(value, "--keywords"));
        default -> usage(System.err, "unknown argument " + args[i]);
      }
      i++;
    }
    if (out == null) {
      usage(System.err, "--out is required");
    }
    for (String keyword : keywords) {
      long start = System.nanoTime();
      Path file = write(generate(keyword, filters, docs, seed), out);
      System.out.printf("%s: %,d filters, %,d docs in %.1f s -> %s%n", keyword, filters, docs,
          (System.nanoTime() - start) / 1e9, file);
    }
  }

  static List<String> keywords(String list) {
    List<String> keywords = Arrays.asList(list.split(","));
    for (String k : keywords) {
      if (!KEYWORDS.contains(k)) {
        throw new IllegalArgumentException("unknown keyword " + k + " (known: " + String.join(",", KEYWORDS) + ")");
      }
    }
    return keywords;
  }

  private static String required(String value, String option) {
    if (value == null) {
      usage(System.err, option + " needs a value");
    }
    return value;
  }

  private static void usage(PrintStream err, String problem) {
    err.println("Workloads: " + problem);
    err.println("usage: Workloads --out DIR [--filters N] [--docs N] [--seed S] [--keywords a,b]");
    System.exit(2);
  }

  // ---- generators ------------------------------------------------------------------------------

  private static Generator generator(String keyword, Random random) {
    return switch (keyword) {
      case "equals" -> new StringKeyword(random, StringKeyword.Kind.EQUALS);
      case "exists" -> new StringKeyword(random, StringKeyword.Kind.EXISTS);
      case "in" -> new StringKeyword(random, StringKeyword.Kind.IN);
      case "match" -> new StringKeyword(random, StringKeyword.Kind.MATCH);
      case "range" -> new RangeKeyword(random);
      case "regexp" -> new RegexpKeyword(random);
      case "geoBoundingBox" -> new BoxKeyword(random);
      case "geoDistance" -> new DistanceKeyword(random, 0, 500);
      case "geoDistanceRange" -> new DistanceKeyword(random, 500, 1000);
      case "geoPolygon" -> new PolygonKeyword(random);
      case "mixed" -> new MixedKeyword(random);
      default -> throw new IllegalArgumentException("unknown keyword " + keyword);
    };
  }

  /** Makes filter i (called once per i, in order), then documents that match filter i or none. */
  private abstract static class Generator {
    final Random random;

    Generator(Random random) {
      this.random = random;
    }

    abstract Map<String, Object> filter(int i);

    /** A document that matches filter i (and maybe others). */
    abstract Map<String, Object> hit(int i);

    /** A document that matches no filter. */
    abstract Map<String, Object> miss();

    /** Whether the document is so close to a filter's boundary that the engines might differ. */
    boolean nearBoundary(Map<String, Object> doc) {
      return false;
    }

    String string(String chars, int length) {
      char[] c = new char[length];
      for (int i = 0; i < length; i++) {
        c[i] = chars.charAt(random.nextInt(chars.length()));
      }
      return new String(c);
    }

    int between(int low, int high) {
      return low + random.nextInt(high - low + 1);
    }

    double between(double low, double high) {
      return low + random.nextDouble() * (high - low);
    }
  }

  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static double round6(double x) {
    return Math.round(x * 1e6) / 1e6;
  }

  /** equals, exists, in and match on random 20-character strings. */
  private static final class StringKeyword extends Generator {
    enum Kind { EQUALS, EXISTS, IN, MATCH }

    private final Kind kind;
    private final List<List<String>> values = new ArrayList<>();
    private final Set<String> registered = new HashSet<>();

    StringKeyword(Random random, Kind kind) {
      super(random);
      this.kind = kind;
    }

    @Override
    Map<String, Object> filter(int i) {
      List<String> v = new ArrayList<>();
      for (int k = 0; k < (kind == Kind.IN ? 5 : 1); k++) {
        v.add(string(STRING_CHARS, 20));
      }
      values.add(v);
      registered.addAll(v);
      return switch (kind) {
        case EQUALS -> map("equals", map("str", v.get(0)));
        case EXISTS -> map("exists", map("field", v.get(0)));
        case IN -> map("in", map("str", v));
        case MATCH -> map("match", map("user", map("name", v.get(0))));
      };
    }

    @Override
    Map<String, Object> hit(int i) {
      List<String> v = values.get(i);
      return document(v.get(random.nextInt(v.size())));
    }

    @Override
    Map<String, Object> miss() {
      String s;
      do {
        s = string(STRING_CHARS, 20);
      } while (registered.contains(s));
      return document(s);
    }

    private Map<String, Object> document(String s) {
      return switch (kind) {
        case EXISTS -> map(s, true);
        case MATCH -> map("user", map("name", s, "age", between(18, 90)));
        default -> map("str", s);
      };
    }
  }

  /** Inclusive integer ranges [b, b+100], b uniform in [-10000, 10000]. */
  private static final class RangeKeyword extends Generator {
    private final List<Integer> lows = new ArrayList<>();

    RangeKeyword(Random random) {
      super(random);
    }

    @Override
    Map<String, Object> filter(int i) {
      int b = between(-10_000, 10_000);
      lows.add(b);
      return map("range", map("integer", map("gte", b, "lte", b + 100)));
    }

    @Override
    Map<String, Object> hit(int i) {
      return map("integer", lows.get(i) + random.nextInt(101));
    }

    @Override
    Map<String, Object> miss() {
      // Inside [-10000, 10100] some filter always matches: misses are outside.
      int v = between(10_101, 20_000);
      return map("integer", random.nextBoolean() ? v : -v);
    }
  }

  /** Case-insensitive prefixes {@code ^xyz}, three random letters. */
  private static final class RegexpKeyword extends Generator {
    private final List<String> prefixes = new ArrayList<>();
    private final Set<String> registered = new HashSet<>();

    RegexpKeyword(Random random) {
      super(random);
    }

    @Override
    Map<String, Object> filter(int i) {
      String p = string(LETTERS, 3);
      prefixes.add(p);
      registered.add(p);
      return map("regexp", map("str", map("value", "^" + p, "flags", "i")));
    }

    @Override
    Map<String, Object> hit(int i) {
      return document(prefixes.get(i));
    }

    @Override
    Map<String, Object> miss() {
      String p;
      do {
        p = string(LETTERS, 3);
      } while (registered.contains(p));
      return document(p);
    }

    private Map<String, Object> document(String prefix) {
      StringBuilder s = new StringBuilder(20);
      for (char c : prefix.toCharArray()) {
        s.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
      }
      s.append(string(LETTERS + LETTERS.toUpperCase(), 17));
      return map("str", s.toString());
    }
  }

  private static Map<String, Object> pointDocument(double lat, double lon) {
    return map("point", List.of(round6(lat), round6(lon)));
  }

  private static double[] point(Map<String, Object> doc) {
    List<?> p = (List<?>) doc.get("point");
    return new double[] {((Number) p.get(0)).doubleValue(), ((Number) p.get(1)).doubleValue()};
  }

  /** 0.5° × 0.5° boxes, top left corner uniform in lat [-79.5, 80], lon [-170, 169.5]. */
  private static final class BoxKeyword extends Generator {
    private static final double SIDE = 0.5;
    /** No point is closer than this to a box edge, in degrees (about 1 km). */
    private static final double MARGIN = 0.01;
    private final List<double[]> boxes = new ArrayList<>(); // top, left, bottom, right

    BoxKeyword(Random random) {
      super(random);
    }

    @Override
    Map<String, Object> filter(int i) {
      double top = round6(between(-80 + SIDE, 80));
      double left = round6(between(-170, 170 - SIDE));
      double bottom = round6(top - SIDE);
      double right = round6(left + SIDE);
      boxes.add(new double[] {top, left, bottom, right});
      return map("geoBoundingBox", map("point", map("top", top, "left", left, "bottom", bottom, "right", right)));
    }

    @Override
    Map<String, Object> hit(int i) {
      double[] b = boxes.get(i);
      return pointDocument(between(b[2] + MARGIN, b[0] - MARGIN), between(b[1] + MARGIN, b[3] - MARGIN));
    }

    @Override
    Map<String, Object> miss() {
      while (true) {
        double lat = between(-80.0, 80.0);
        double lon = between(-170.0, 170.0);
        boolean inside = false;
        for (double[] b : boxes) {
          if (lat <= b[0] + MARGIN && lat >= b[2] - MARGIN && lon >= b[1] - MARGIN && lon <= b[3] + MARGIN) {
            inside = true;
            break;
          }
        }
        if (!inside) {
          return pointDocument(lat, lon);
        }
      }
    }

    @Override
    boolean nearBoundary(Map<String, Object> doc) {
      double[] p = point(doc);
      for (double[] b : boxes) {
        boolean nearOrInside = p[0] <= b[0] + MARGIN && p[0] >= b[2] - MARGIN && p[1] >= b[1] - MARGIN && p[1] <= b[3] + MARGIN;
        boolean wellInside = p[0] < b[0] - MARGIN && p[0] > b[2] + MARGIN && p[1] > b[1] + MARGIN && p[1] < b[3] - MARGIN;
        if (nearOrInside && !wellInside) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * geoDistance (inner radius 0) and geoDistanceRange circles at uniform positions, lat in [-80, 80],
   * lon in [-170, 170], distances written "500m" and "1km".
   */
  private static final class DistanceKeyword extends Generator {
    /** Relative distance to a radius under which a point is too close to call. */
    private static final double MARGIN = 0.05;
    private final double inner;
    private final double outer;
    private final List<double[]> centres = new ArrayList<>();

    DistanceKeyword(Random random, double inner, double outer) {
      super(random);
      this.inner = inner;
      this.outer = outer;
    }

    @Override
    Map<String, Object> filter(int i) {
      double lat = round6(between(-80.0, 80.0));
      double lon = round6(between(-170.0, 170.0));
      centres.add(new double[] {lat, lon});
      List<Double> centre = List.of(lat, lon);
      if (inner == 0) {
        return map("geoDistance", map("point", centre, "distance", distance(outer)));
      }
      return map("geoDistanceRange", map("point", centre, "from", distance(inner), "to", distance(outer)));
    }

    private static String distance(double meters) {
      return meters % 1000 == 0 ? (int) (meters / 1000) + "km" : (int) meters + "m";
    }

    @Override
    Map<String, Object> hit(int i) {
      double[] c = centres.get(i);
      double meters = between(inner * (1 + MARGIN), outer * (1 - MARGIN));
      double[] p = Sphere.destination(c[0], c[1], between(0.0, 360.0), Math.toDegrees(meters / Sphere.RADIUS));
      return pointDocument(p[0], p[1]);
    }

    @Override
    Map<String, Object> miss() {
      while (true) {
        Map<String, Object> doc = pointDocument(between(-80.0, 80.0), between(-170.0, 170.0));
        if (!near(point(doc), outer * (1 + MARGIN), false)) {
          return doc;
        }
      }
    }

    @Override
    boolean nearBoundary(Map<String, Object> doc) {
      return near(point(doc), outer * (1 + MARGIN), true);
    }

    /** Whether some centre is within {@code reach}; with {@code edgesOnly}, only near a radius. */
    private boolean near(double[] p, double reach, boolean edgesOnly) {
      double reachDegrees = Math.toDegrees(reach / Sphere.RADIUS);
      for (double[] c : centres) {
        if (Math.abs(c[0] - p[0]) > reachDegrees) {
          continue;
        }
        double d = Sphere.meters(p[0], p[1], c[0], c[1]);
        if (!edgesOnly && d <= reach) {
          return true;
        }
        if (edgesOnly && (Math.abs(d - outer) < outer * MARGIN || (inner > 0 && Math.abs(d - inner) < inner * MARGIN))) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Five-vertex random star polygons: vertices at bearings about 72° apart and 2° to 10° from a centre
   * uniform in lat [-60, 60], lon [-150, 150]. Each polygon lies in the 10° cap around its centre, so
   * none reaches a latitude beyond 70° or the antimeridian. They overlap a lot (a point in one is in
   * several), so the documents that match none lie beyond 72° of latitude.
   */
  private static final class PolygonKeyword extends Generator {
    /** No point is closer than this to an edge or vertex, in degrees (about 5.5 km). */
    private static final double MARGIN = 0.05;
    private static final double RADIUS = 10;
    private final List<double[]> polygons = new ArrayList<>(); // centre lat, lon, then 5 vertices lat, lon

    PolygonKeyword(Random random) {
      super(random);
    }

    @Override
    Map<String, Object> filter(int i) {
      double lat = between(-60.0, 60.0);
      double lon = between(-150.0, 150.0);
      double[] shape = new double[12];
      shape[0] = lat;
      shape[1] = lon;
      double rotation = between(0.0, 360.0);
      List<Object> points = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        double bearing = rotation + 72 * k + between(-20.0, 20.0);
        double[] v = Sphere.destination(lat, lon, bearing, between(2.0, RADIUS));
        shape[2 + 2 * k] = round6(v[0]);
        shape[3 + 2 * k] = round6(v[1]);
        points.add(List.of(shape[2 + 2 * k], shape[3 + 2 * k]));
      }
      polygons.add(shape);
      return map("geoPolygon", map("point", map("points", points)));
    }

    @Override
    Map<String, Object> hit(int i) {
      // Within 0.5° of the centre: every edge is at least about 1.1° away from it.
      double[] s = polygons.get(i);
      double[] p = Sphere.destination(s[0], s[1], between(0.0, 360.0), between(0.0, 0.5));
      return pointDocument(p[0], p[1]);
    }

    @Override
    Map<String, Object> miss() {
      double lat = between(72.0, 88.0);
      return pointDocument(random.nextBoolean() ? lat : -lat, between(-180.0, 180.0));
    }

    @Override
    boolean nearBoundary(Map<String, Object> doc) {
      double[] p = point(doc);
      for (double[] s : polygons) {
        if (Math.abs(s[0] - p[0]) > RADIUS + MARGIN || Sphere.angle(p[0], p[1], s[0], s[1]) > RADIUS + MARGIN) {
          continue;
        }
        for (int k = 0; k < 5; k++) {
          int next = (k + 1) % 5;
          if (Sphere.angleToArc(p[0], p[1], s[2 + 2 * k], s[3 + 2 * k], s[2 + 2 * next], s[3 + 2 * next]) < MARGIN) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /**
   * A realistic set: orders with a user and an address, filters combining equals, in, range and
   * exists on nested paths under and, or, not and bool. Every conjunction of every filter needs one
   * "anchor" value (a user id, a city or a zip code) from a domain that documents built to miss never
   * use, so they match nothing; documents built to hit start from a random order of the hit domain
   * and are then changed to satisfy one filter.
   */
  private static final class MixedKeyword extends Generator {
    private static final List<String> STATUSES = List.of("pending", "paid", "shipped", "delivered", "cancelled", "refunded");
    private static final List<String> TAGS = List.of("gift", "express", "fragile", "bulk", "promo", "b2b", "eco", "vip");
    private static final int TEMPLATES = 8;

    private final List<String> cities = new ArrayList<>();
    private final List<String> missCities = new ArrayList<>();
    private final List<String> countries = new ArrayList<>();
    /** Per filter: its template and the values a document needs to satisfy it. */
    private final List<Object[]> params = new ArrayList<>();

    MixedKeyword(Random random) {
      super(random);
      Set<String> seen = new HashSet<>();
      while (cities.size() < 300) {
        String c = city();
        if (seen.add(c)) {
          cities.add(c);
        }
      }
      while (missCities.size() < 300) {
        String c = city();
        if (seen.add(c)) {
          missCities.add(c);
        }
      }
      while (countries.size() < 40) {
        String c = string(LETTERS, 2).toUpperCase();
        if (!countries.contains(c)) {
          countries.add(c);
        }
      }
    }

    private String city() {
      String name = string(LETTERS, between(5, 10));
      return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private String user(boolean hitDomain) {
      return String.format("u%06d", hitDomain ? random.nextInt(50_000) : 500_000 + random.nextInt(100_000));
    }

    private String zip(boolean hitDomain) {
      return String.format("%05d", hitDomain ? between(10_000, 39_999) : between(60_000, 99_999));
    }

    private String city(boolean hitDomain) {
      List<String> from = hitDomain ? cities : missCities;
      return from.get(random.nextInt(from.size()));
    }

    private <T> T pick(List<T> list) {
      return list.get(random.nextInt(list.size()));
    }

    private List<String> distinct(int n, java.util.function.Supplier<String> supplier) {
      List<String> values = new ArrayList<>();
      while (values.size() < n) {
        String v = supplier.get();
        if (!values.contains(v)) {
          values.add(v);
        }
      }
      return values;
    }

    private static Map<String, Object> eq(String field, Object value) {
      return map("equals", map(field, value));
    }

    private static Map<String, Object> range(String field, int low, int high) {
      return map("range", map(field, map("gte", low, "lte", high)));
    }

    @Override
    Map<String, Object> filter(int i) {
      int template = random.nextInt(TEMPLATES);
      switch (template) {
        case 0: { // a user's orders within a total range
          String u = user(true);
          int t = between(0, 1500);
          int r = between(100, 1000);
          params.add(new Object[] {template, u, t, r});
          return map("and", List.of(eq("user.id", u), range("order.total", t, t + r)));
        }
        case 1: { // customers of some cities, an age band and a country
          List<String> c = distinct(3, () -> city(true));
          int a = between(18, 80);
          String country = pick(countries);
          params.add(new Object[] {template, c, a, country});
          return map("and", List.of(map("in", map("address.city", c)), range("user.age", a, a + 10), eq("user.country", country)));
        }
        case 2: { // a user's orders in one status, not refunded
          String s = pick(STATUSES);
          String u = user(true);
          params.add(new Object[] {template, s, u});
          return map("bool", map("must", List.of(eq("order.status", s), eq("user.id", u)),
              "must_not", List.of(map("exists", "order.refund"))));
        }
        case 3: { // a user, or an address
          String u = user(true);
          String c = city(true);
          String z = zip(true);
          params.add(new Object[] {template, u, c, z});
          return map("or", List.of(eq("user.id", u), map("and", List.of(eq("address.city", c), eq("address.zip", z)))));
        }
        case 4: { // a user's orders except in two statuses
          String u = user(true);
          List<String> s = distinct(2, () -> pick(STATUSES));
          params.add(new Object[] {template, u, s});
          return map("and", List.of(eq("user.id", u), map("not", map("in", map("order.status", s)))));
        }
        case 5: { // a zip code, and an age band or premium users
          String z = zip(true);
          int a = between(18, 75);
          params.add(new Object[] {template, z, a});
          return map("bool", map("must", List.of(eq("address.zip", z)),
              "should", List.of(range("user.age", a, a + 15), map("exists", map("field", "user.premium")))));
        }
        case 6: { // a country and zip, totals outside a band
          String country = pick(countries);
          String z = zip(true);
          int x = between(100, 1500);
          int w = between(50, 400);
          params.add(new Object[] {template, country, z, x, w});
          return map("and", List.of(eq("user.country", country), eq("address.zip", z),
              map("not", range("order.total", x, x + w))));
        }
        default: { // some users, not in one city, in one of two statuses
          List<String> u = distinct(3, () -> user(true));
          String c = city(true);
          List<String> s = distinct(2, () -> pick(STATUSES));
          params.add(new Object[] {template, u, c, s});
          return map("bool", map("must", List.of(map("in", map("user.id", u))),
              "must_not", List.of(eq("address.city", c)),
              "should", List.of(eq("order.status", s.get(0)), eq("order.status", s.get(1)))));
        }
      }
    }

    private Map<String, Object> base(boolean hitDomain) {
      Map<String, Object> user = map("id", user(hitDomain), "name", city(), "age", between(18, 90), "country", pick(countries));
      if (random.nextInt(10) < 3) {
        user.put("premium", true);
      }
      Map<String, Object> address = map("city", city(hitDomain), "zip", zip(hitDomain),
          "street", between(1, 200) + " " + city() + " street");
      int total = between(0, 2000);
      Map<String, Object> order = map("id", "o" + string(STRING_CHARS, 12), "status", pick(STATUSES),
          "total", total, "items", between(1, 10));
      if (random.nextInt(10) == 0) {
        order.put("refund", between(0, total));
      }
      List<String> tags = distinct(between(1, 3), () -> pick(TAGS));
      String created = String.format("2025-%02d-%02dT%02d:%02d:%02dZ", between(1, 12), between(1, 28),
          between(0, 23), between(0, 59), between(0, 59));
      return map("user", user, "address", address, "order", order, "tags", tags, "createdAt", created);
    }

    @Override
    @SuppressWarnings("unchecked")
    Map<String, Object> hit(int i) {
      Object[] p = params.get(i);
      Map<String, Object> doc = base(true);
      Map<String, Object> user = (Map<String, Object>) doc.get("user");
      Map<String, Object> address = (Map<String, Object>) doc.get("address");
      Map<String, Object> order = (Map<String, Object>) doc.get("order");
      switch ((Integer) p[0]) {
        case 0 -> {
          user.put("id", p[1]);
          order.put("total", (Integer) p[2] + random.nextInt((Integer) p[3] + 1));
        }
        case 1 -> {
          address.put("city", pick((List<String>) p[1]));
          user.put("age", (Integer) p[2] + random.nextInt(11));
          user.put("country", p[3]);
        }
        case 2 -> {
          order.put("status", p[1]);
          user.put("id", p[2]);
          order.remove("refund");
        }
        case 3 -> {
          if (random.nextBoolean()) {
            user.put("id", p[1]);
          } else {
            address.put("city", p[2]);
            address.put("zip", p[3]);
          }
        }
        case 4 -> {
          user.put("id", p[1]);
          List<String> others = new ArrayList<>(STATUSES);
          others.removeAll((List<String>) p[2]);
          order.put("status", pick(others));
        }
        case 5 -> {
          address.put("zip", p[1]);
          if (random.nextBoolean()) {
            user.put("age", (Integer) p[2] + random.nextInt(16));
          } else {
            user.put("premium", true);
          }
        }
        case 6 -> {
          user.put("country", p[1]);
          address.put("zip", p[2]);
          int x = (Integer) p[3];
          int w = (Integer) p[4];
          order.put("total", random.nextBoolean() ? between(0, x - 1) : between(x + w + 1, 2000));
        }
        default -> {
          user.put("id", pick((List<String>) p[1]));
          while (address.get("city").equals(p[2])) {
            address.put("city", city(true));
          }
          order.put("status", pick((List<String>) p[3]));
        }
      }
      return doc;
    }

    @Override
    Map<String, Object> miss() {
      return base(false);
    }
  }
}
