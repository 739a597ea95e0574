package dev.herald.benchmarks;

import dev.herald.filter.Document;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The filters and documents of one matching workload: a keyword, a {@link Shape} and a number of
 * filters. Generation is deterministic (fixed seeds): the same arguments give the same filters, in
 * the same order, and the same {@value #DOCUMENTS} documents, in every process.
 *
 * <p>Every document has the same 13 fields (about 300 bytes of JSON: {@code ref, type, user, qty,
 * city, topic, tag, ext, grp, total, name, pos, item}); each keyword sets the fields it tests and
 * leaves the others at values no filter accepts. With {@code n} filters and {@code G = n / }
 * {@value #HITS} groups:
 *
 * <table>
 * <caption>Filters of MISS and HIT_HEAVY (both shapes register the same filters)</caption>
 * <tr><th>keyword</th><th>filter {@code i}</th><th>MISS document</th><th>HIT_HEAVY document</th></tr>
 * <tr><td>equals</td><td>{@code or(equals city:"c<i>", equals topic:"t<i mod G>")}</td>
 *     <td>unregistered city and topic</td><td>topic {@code t<j>}: {@value #HITS} filters</td></tr>
 * <tr><td>in</td><td>{@code in tag:[5 values]}, the arithmetic progressions
 *     {@code a, a+d, ..., a+4d} modulo {@code 5n/HITS}, all distinct</td>
 *     <td>unregistered tag</td><td>a registered tag: exactly {@value #HITS} lists hold it</td></tr>
 * <tr><td>exists</td><td>{@code or(exists "ext.e<i>", exists "grp.g<i mod G>")}</td>
 *     <td>unregistered keys under {@code ext} and {@code grp}</td><td>{@code grp.g<j>}: {@value #HITS}
 *     filters</td></tr>
 * <tr><td>range</td><td>{@code range total:[a, a+w)}, {@code a} uniform in [0, 10^6), {@code w =
 *     10^6 * HITS / n}: overlapping intervals</td><td>a negative total</td><td>a total stabbing about
 *     {@value #HITS} intervals</td></tr>
 * <tr><td>regexp</td><td>{@code regexp name:"^n<i mod G>-(q<i / G>)?"}</td><td>a name no pattern
 *     finds</td><td>{@code n<j>-...}: {@value #HITS} patterns find it</td></tr>
 * <tr><td>geo*</td><td>boxes, circles, annuli (from = to / 2) and pentagons at random places over
 *     western Europe, each covering {@code HITS / n} of it</td><td>a point in the South Pacific</td>
 *     <td>a random point of the area, inside about {@value #HITS} shapes</td></tr>
 * <tr><td>match</td><td>{@code or(match item:{sku:"s<i>"}, match item:{cat:"c<i mod G>"})}</td>
 *     <td>unregistered sku and cat</td><td>cat {@code c<j>}: {@value #HITS} filters</td></tr>
 * <tr><td>mixed</td><td colspan="3">the ten workloads above, {@code n / 10} filters each (prefixed
 *     values, so they never share a condition), documents carrying all their fields: MISS 0 matches,
 *     HIT_HEAVY about {@value #HITS} (10 per keyword), PARTIAL 1</td></tr>
 * </table>
 *
 * <p>PARTIAL registers {@code and(K_i, equals user:"u<i>")} where every document satisfies every
 * {@code K_i}: equals {@code type:"order"}; in {@code tag:["g-common", 4 others]}; exists
 * {@code "type"}; range {@code total:[-a, 10^6 + b]}; regexp {@code "ord|z<i>"} on
 * {@code name:"order-..."}; geo shapes that all hold one point; match {@code item:{kind:"book"}}. The
 * document's user is {@code u<j>} for one {@code j}: 1 match.
 */
public final class Workload {
  /** The keywords a workload may be built for; {@code mixed} mixes the ten others. */
  public static final List<String> KEYWORDS = List.of("equals", "in", "exists", "range", "regexp",
      "geoBoundingBox", "geoDistance", "geoDistanceRange", "geoPolygon", "match", "mixed");

  /** The matches per document aimed at by HIT_HEAVY. */
  public static final int HITS = 100;

  /** Documents per workload, given round-robin by the benchmarks. */
  public static final int DOCUMENTS = 64;

  private static final long FILTER_SEED = 0x5eed_f11e_0001L;
  private static final long DOCUMENT_SEED = 0x5eed_d0c5_0002L;

  private final String keyword;
  private final Shape shape;
  private final int filters;
  private final int hits;

  private Workload(String keyword, Shape shape, int filters, int hits) {
    if (!KEYWORDS.contains(keyword)) {
      throw new IllegalArgumentException("unknown keyword " + keyword + ", expected one of " + KEYWORDS);
    }
    int perPart = keyword.equals("mixed") ? filters / 10 : filters;
    int hitsPerPart = keyword.equals("mixed") ? hits / 10 : hits;
    if (filters <= 0 || (keyword.equals("mixed") && filters % 10 != 0) || hitsPerPart <= 0
        || perPart % hitsPerPart != 0 || (keyword.equals("mixed") && hits % 10 != 0)) {
      throw new IllegalArgumentException(
          keyword + ": " + filters + " filters do not divide into groups of " + hitsPerPart + " hits");
    }
    this.keyword = keyword;
    this.shape = shape;
    this.filters = filters;
    this.hits = hits;
  }

  /** The workload of {@code keyword} and {@code shape} with {@code filters} filters. */
  public static Workload of(String keyword, Shape shape, int filters) {
    return new Workload(keyword, shape, filters, HITS);
  }

  /** The same with another number of hits per HIT_HEAVY document (for small tests). */
  static Workload of(String keyword, Shape shape, int filters, int hits) {
    return new Workload(keyword, shape, filters, hits);
  }

  public String keyword() {
    return keyword;
  }

  public Shape shape() {
    return shape;
  }

  public int filters() {
    return filters;
  }

  /** Gives each filter's JSON to {@code action}, in order, generating them as it goes. */
  public void forEachFilter(Consumer<String> action) {
    Part[] parts = parts();
    for (int i = 0; i < filters; i++) {
      action.accept(parts[i % parts.length].filter(i / parts.length));
    }
  }

  /** Every filter's JSON, in order. */
  public List<String> filterList() {
    List<String> out = new ArrayList<>(filters);
    forEachFilter(out::add);
    return out;
  }

  /** The {@value #DOCUMENTS} documents, parsed. */
  public Document[] documents() {
    Part[] parts = parts();
    Random r = new Random(DOCUMENT_SEED);
    Document[] docs = new Document[DOCUMENTS];
    for (int d = 0; d < DOCUMENTS; d++) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ref", word(r, 12));
      doc.put("type", "order");
      doc.put("user", "nobody");
      doc.put("qty", 1 + r.nextInt(9));
      doc.put("city", "none");
      doc.put("topic", "none");
      doc.put("tag", "none");
      doc.put("ext", new LinkedHashMap<>(Map.of("none", true)));
      doc.put("grp", new LinkedHashMap<>(Map.of("none", true)));
      doc.put("total", -1.0);
      doc.put("name", "none");
      doc.put("pos", List.of(-40.0, -140.0));
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("sku", "none");
      item.put("cat", "none");
      item.put("kind", "none");
      doc.put("item", item);
      for (Part p : parts) {
        p.fill(doc, r);
      }
      docs[d] = Document.parse(Document.of(doc).json()); // as a transport would hand it over
    }
    return docs;
  }

  /**
   * Checks the shape's promise on every document, given how many filters each one matches: MISS 0,
   * PARTIAL 1, HIT_HEAVY at least 1 and on average within a factor of 4 of the aim. Returns the
   * average number of matches.
   *
   * @throws IllegalStateException when the workload does not have its shape
   */
  public double verify(ToIntFunction<Document> matches) {
    return verify(matches, DOCUMENTS);
  }

  /** {@link #verify(ToIntFunction)} on the first {@code sample} documents only. */
  public double verify(ToIntFunction<Document> matches, int sample) {
    Document[] docs = Arrays.copyOf(documents(), sample);
    long sum = 0;
    for (Document d : docs) {
      int m = matches.applyAsInt(d);
      sum += m;
      boolean ok = switch (shape) {
        case MISS -> m == 0;
        case PARTIAL -> m == 1;
        case HIT_HEAVY -> m >= 1;
      };
      if (!ok) {
        throw new IllegalStateException(this + ": a document matches " + m + " filters: " + d);
      }
    }
    double mean = (double) sum / docs.length;
    if (shape == Shape.HIT_HEAVY && (mean < hits / 4.0 || mean > hits * 4.0)) {
      throw new IllegalStateException(this + ": " + mean + " matches per document, aiming at " + hits);
    }
    return mean;
  }

  @Override
  public String toString() {
    return keyword + "/" + shape + "/" + filters;
  }

  // ---- generation --------------------------------------------------------------------------

  private Part[] parts() {
    if (!keyword.equals("mixed")) {
      return new Part[] {part(keyword, filters, hits, "", 0)};
    }
    List<String> kinds = KEYWORDS.subList(0, KEYWORDS.size() - 1);
    Part[] parts = new Part[kinds.size()];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = part(kinds.get(k), filters / 10, hits / 10, "k" + k + "_", k + 1);
    }
    return parts;
  }

  private Part part(String kind, int n, int hitCount, String prefix, int seedOffset) {
    Random random = new Random(FILTER_SEED + seedOffset);
    return switch (kind) {
      case "equals" -> new EqualsPart(shape, n, hitCount, prefix, random);
      case "in" -> new InPart(shape, n, hitCount, prefix, random);
      case "exists" -> new ExistsPart(shape, n, hitCount, prefix, random);
      case "range" -> new RangePart(shape, n, hitCount, prefix, random);
      case "regexp" -> new RegexpPart(shape, n, hitCount, prefix, random);
      case "match" -> new MatchPart(shape, n, hitCount, prefix, random);
      default -> new GeoPart(kind, shape, n, hitCount, prefix, random);
    };
  }

  /** One keyword's filters and document fields. {@link #filter} is called for 0, 1, 2... in order. */
  private abstract static class Part {
    final Shape shape;
    final int n;
    final int hits;
    final int groups;
    final String p;
    final Random random;

    Part(Shape shape, int n, int hits, String prefix, Random random) {
      this.shape = shape;
      this.n = n;
      this.hits = hits;
      this.groups = n / hits;
      this.p = prefix;
      this.random = random;
    }

    abstract String filter(int i);

    abstract void fill(Map<String, Object> doc, Random r);

    /** {@code and(condition, equals user:<this part's user i>)}. */
    String partial(String condition, int i) {
      return "{\"and\":[" + condition + ",{\"equals\":{\"user\":\"" + p + "u" + i + "\"}}]}";
    }

    void fillUser(Map<String, Object> doc, Random r) {
      doc.put("user", p + "u" + r.nextInt(n));
    }
  }

  private static final class EqualsPart extends Part {
    EqualsPart(Shape shape, int n, int hits, String prefix, Random random) {
      super(shape, n, hits, prefix, random);
    }

    @Override
    String filter(int i) {
      if (shape == Shape.PARTIAL) {
        return partial("{\"equals\":{\"type\":\"order\"}}", i);
      }
      return "{\"or\":[{\"equals\":{\"city\":\"" + p + "c" + i + "\"}},{\"equals\":{\"topic\":\"" + p + "t"
          + (i % groups) + "\"}}]}";
    }

    @Override
    void fill(Map<String, Object> doc, Random r) {
      switch (shape) {
        case MISS -> {
          doc.put("city", p + "c-" + word(r, 8));
          doc.put("topic", p + "t-" + word(r, 8));
        }
        case HIT_HEAVY -> {
          doc.put("city", p + "c-" + word(r, 8));
          doc.put("topic", p + "t" + r.nextInt(groups));
        }
        case PARTIAL -> fillUser(doc, r);
      }
    }
  }

  private static final class InPart extends Part {
    private final int domain;

    InPart(Shape shape, int n, int hits, String prefix, Random random) {
      super(shape, n, hits, prefix, random);
      if (hits % 5 != 0) {
        throw new IllegalArgumentException("in: hits must be a multiple of 5 (the list size)");
      }
      // 5 values per list, n lists: each value is in exactly 5n / domain = hits lists.
      this.domain = 5 * n / hits;
    }

    @Override
    String filter(int i) {
      int a = i % domain;
      int d = 1 + i / domain;
      StringBuilder b = new StringBuilder("{\"in\":{\"tag\":[");
      if (shape == Shape.PARTIAL) {
        b.append('"').append(p).append("g-common\",");
      }
      int size = shape == Shape.PARTIAL ? 4 : 5;
      int[] values = new int[size];
      for (int k = 0; k < size; k++) {
        values[k] = (a + k * d) % domain;
      }
      Arrays.sort(values);
      for (int k = 0; k < size; k++) {
        b.append(k == 0 ? "" : ",").append('"').append(p).append('g').append(values[k]).append('"');
      }
      String condition = b.append("]}}").toString();
      return shape == Shape.PARTIAL ? partial(condition, i) : condition;
    }

    @Override
    void fill(Map<String, Object> doc, Random r) {
      switch (shape) {
        case MISS -> doc.put("tag", p + "g-" + word(r, 8));
        case HIT_HEAVY -> doc.put("tag", p + "g" + r.nextInt(domain));
        case PARTIAL -> {
          doc.put("tag", p + "g-common");
          fillUser(doc, r);
        }
      }
    }
  }

  private static final class ExistsPart extends Part {
    ExistsPart(Shape shape, int n, int hits, String prefix, Random random) {
      super(shape, n, hits, prefix, random);
    }

    @Override
    String filter(int i) {
      if (shape == Shape.PARTIAL) {
        return partial("{\"exists\":\"type\"}", i);
      }
      return "{\"or\":[{\"exists\":\"ext." + p + "e" + i + "\"},{\"exists\":\"grp." + p + "g" + (i % groups)
          + "\"}]}";
    }

    @Override
    @SuppressWarnings("unchecked")
    void fill(Map<String, Object> doc, Random r) {
      Map<String, Object> ext = (Map<String, Object>) doc.get("ext");
      Map<String, Object> grp = (Map<String, Object>) doc.get("grp");
      switch (shape) {
        case MISS -> {
          ext.put(p + "e-" + word(r, 8), true);
          grp.put(p + "g-" + word(r, 8), true);
        }
        case HIT_HEAVY -> {
          ext.put(p + "e-" + word(r, 8), true);
          grp.put(p + "g" + r.nextInt(groups), true);
        }
        case PARTIAL -> fillUser(doc, r);
      }
    }
  }

  private static final class RangePart extends Part {
    static final double DOMAIN = 1_000_000;
    private final double width;

    RangePart(Shape shape, int n, int hits, String prefix, Random random) {
      super(shape, n, hits, prefix, random);
      this.width = DOMAIN * hits / n; // n intervals of this width over the domain: `hits` deep
    }

    @Override
    String filter(int i) {
      if (shape == Shape.PARTIAL) {
        double lo = -1 - random.nextDouble() * 1000;
        double hi = DOMAIN + 1 + random.nextDouble() * 1000;
        return partial("{\"range\":{\"total\":{\"gte\":" + lo + ",\"lte\":" + hi + "}}}", i);
      }
      double a = random.nextDouble() * DOMAIN;
      return "{\"range\":{\"total\":{\"gte\":" + a + ",\"lt\":" + (a + width) + "}}}";
    }

    @Override
    void fill(Map<String, Object> doc, Random r) {
      switch (shape) {
        case MISS -> doc.put("total", -1.0 - r.nextInt(1000));
        case HIT_HEAVY -> doc.put("total", width + r.nextDouble() * (DOMAIN - width));
        case PARTIAL -> {
          doc.put("total", r.nextDouble() * DOMAIN);
          fillUser(doc, r);
        }
      }
    }
  }

  private static final class RegexpPart extends Part {
    RegexpPart(Shape shape, int n, int hits, String prefix, Random random) {
      super(shape, n, hits, prefix, random);
    }

    @Override
    String filter(int i) {
      if (shape == Shape.PARTIAL) {
        return partial("{\"regexp\":{\"name\":{\"value\":\"ord|" + p + "z" + i + "\"}}}", i);
      }
      // `hits` distinct patterns per group, all finding "<p>n<group>-..."
      return "{\"regexp\":{\"name\":{\"value\":\"^" + p + "n" + (i % groups) + "-(q" + (i / groups) + ")?\"}}}";
    }

    @Override
    void fill(Map<String, Object> doc, Random r) {
      switch (shape) {
        case MISS -> doc.put("name", p + "x-" + word(r, 8));
        case HIT_HEAVY -> doc.put("name", p + "n" + r.nextInt(groups) + "-" + word(r, 8));
        case PARTIAL -> {
          doc.put("name", "order-" + word(r, 8));
          fillUser(doc, r);
        }
      }
    }
  }

  private static final class MatchPart extends Part {
    MatchPart(Shape shape, int n, int hits, String prefix, Random random) {
      super(shape, n, hits, prefix, random);
    }

    @Override
    String filter(int i) {
      if (shape == Shape.PARTIAL) {
        return partial("{\"match\":{\"item\":{\"kind\":\"book\"}}}", i);
      }
      return "{\"or\":[{\"match\":{\"item\":{\"sku\":\"" + p + "s" + i + "\"}}},{\"match\":{\"item\":{\"cat\":\"" + p
          + "c" + (i % groups) + "\"}}}]}";
    }

    @Override
    @SuppressWarnings("unchecked")
    void fill(Map<String, Object> doc, Random r) {
      Map<String, Object> item = (Map<String, Object>) doc.get("item");
      switch (shape) {
        case MISS -> {
          item.put("sku", p + "s-" + word(r, 8));
          item.put("cat", p + "c-" + word(r, 8));
        }
        case HIT_HEAVY -> {
          item.put("sku", p + "s-" + word(r, 8));
          item.put("cat", p + "c" + r.nextInt(groups));
        }
        case PARTIAL -> {
          item.put("kind", "book");
          fillUser(doc, r);
        }
      }
    }
  }

  /**
   * Shapes over western Europe (latitudes 35 to 60, longitudes -10 to 30), each covering
   * {@code hits / n} of it, with planar kilometres (good enough: hits are counted, not assumed).
   */
  private static final class GeoPart extends Part {
    static final double LAT_MIN = 35;
    static final double LAT_MAX = 60;
    static final double LON_MIN = -10;
    static final double LON_MAX = 30;
    static final double KM_PER_DEGREE = 111.2;
    static final double KM_PER_DEGREE_LON = KM_PER_DEGREE * Math.cos(Math.toRadians(47.5));
    static final double AREA_KM2 = (LAT_MAX - LAT_MIN) * KM_PER_DEGREE * (LON_MAX - LON_MIN) * KM_PER_DEGREE_LON;
    /** The point every PARTIAL shape holds. */
    static final double[] PARTIAL_POINT = {47.5, 10.0};

    private final String kind;
    private final double shapeArea;

    GeoPart(String kind, Shape shape, int n, int hits, String prefix, Random random) {
      super(shape, n, hits, prefix, random);
      this.kind = kind;
      this.shapeArea = AREA_KM2 * hits / n;
    }

    @Override
    String filter(int i) {
      if (shape == Shape.PARTIAL) {
        // A centre at most 20 km from the point, shapes reaching at least 48 km around it.
        double[] c = move(PARTIAL_POINT, random.nextDouble() * 20, random.nextDouble() * 2 * Math.PI);
        double size = 60 + random.nextDouble() * 40;
        String condition = switch (kind) {
          case "geoBoundingBox" -> box(c, size);
          case "geoDistance" -> circle(c, size);
          case "geoDistanceRange" -> {
            double d = 20 + random.nextDouble() * 20;
            double[] centre = move(PARTIAL_POINT, d, random.nextDouble() * 2 * Math.PI);
            yield annulus(centre, d / 2, d + 50);
          }
          default -> pentagon(c, size, random.nextDouble() * 2 * Math.PI);
        };
        return partial(condition, i);
      }
      double[] c = {LAT_MIN + random.nextDouble() * (LAT_MAX - LAT_MIN),
          LON_MIN + random.nextDouble() * (LON_MAX - LON_MIN)};
      return switch (kind) {
        case "geoBoundingBox" -> box(c, Math.sqrt(shapeArea) / 2);
        case "geoDistance" -> circle(c, Math.sqrt(shapeArea / Math.PI));
        case "geoDistanceRange" -> {
          double to = Math.sqrt(shapeArea / (0.75 * Math.PI));
          yield annulus(c, to / 2, to);
        }
        default -> pentagon(c, Math.sqrt(shapeArea / (2.5 * Math.sin(Math.toRadians(72)))),
            random.nextDouble() * 2 * Math.PI);
      };
    }

    @Override
    void fill(Map<String, Object> doc, Random r) {
      switch (shape) {
        case MISS -> doc.put("pos", List.of(round(-40 - r.nextDouble() * 5), round(-140 + r.nextDouble() * 5)));
        case HIT_HEAVY -> // away from the edges, where fewer shapes overlap
            doc.put("pos", List.of(round(LAT_MIN + 2 + r.nextDouble() * (LAT_MAX - LAT_MIN - 4)),
                round(LON_MIN + 3 + r.nextDouble() * (LON_MAX - LON_MIN - 6))));
        case PARTIAL -> {
          doc.put("pos", List.of(PARTIAL_POINT[0], PARTIAL_POINT[1]));
          fillUser(doc, r);
        }
      }
    }

    /** A box with a half-side of {@code halfKm}. */
    private static String box(double[] c, double halfKm) {
      double dLat = halfKm / KM_PER_DEGREE;
      double dLon = halfKm / (KM_PER_DEGREE * Math.cos(Math.toRadians(c[0])));
      return "{\"geoBoundingBox\":{\"pos\":{\"top\":" + round(c[0] + dLat) + ",\"left\":" + round(c[1] - dLon)
          + ",\"bottom\":" + round(c[0] - dLat) + ",\"right\":" + round(c[1] + dLon) + "}}}";
    }

    private static String circle(double[] c, double radiusKm) {
      return "{\"geoDistance\":{\"pos\":{\"lat\":" + round(c[0]) + ",\"lon\":" + round(c[1]) + "},\"distance\":\""
          + round(radiusKm) + "km\"}}";
    }

    private static String annulus(double[] c, double fromKm, double toKm) {
      return "{\"geoDistanceRange\":{\"pos\":[" + round(c[0]) + "," + round(c[1]) + "],\"from\":\"" + round(fromKm)
          + "km\",\"to\":\"" + round(toKm) + "km\"}}";
    }

    private static String pentagon(double[] c, double radiusKm, double rotation) {
      StringBuilder b = new StringBuilder("{\"geoPolygon\":{\"pos\":{\"points\":[");
      for (int k = 0; k < 5; k++) {
        double[] v = move(c, radiusKm, rotation + k * 2 * Math.PI / 5);
        b.append(k == 0 ? "" : ",").append('[').append(round(v[0])).append(',').append(round(v[1])).append(']');
      }
      return b.append("]}}}").toString();
    }

    /** The point {@code km} away from {@code c} towards {@code bearing} (radians), on a plane. */
    private static double[] move(double[] c, double km, double bearing) {
      double lat = c[0] + km * Math.cos(bearing) / KM_PER_DEGREE;
      double lon = c[1] + km * Math.sin(bearing) / (KM_PER_DEGREE * Math.cos(Math.toRadians(c[0])));
      return new double[] {lat, lon};
    }

    private static double round(double x) {
      return Math.round(x * 1e6) / 1e6;
    }
  }

  static String word(Random r, int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = (char) ('a' + r.nextInt(26));
    }
    return new String(c);
  }
}
