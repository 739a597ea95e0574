package dev.herald.filter.reference;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic random valid filters and documents over one small vocabulary of field paths and
 * values, so that filters and documents often interact: every keyword and its negation, nested
 * and/or/not/bool, mixed scalar types, numbers on and near range bounds (integers beyond 2^53, 1
 * versus 1.0), regexps with flags, geo shapes of every kind in every point format (antimeridian
 * included), match templates and select queries.
 *
 * <p>Documents never hold both a nested {@code a.b} and a literal {@code "a.b"} key (which one a
 * filter sees is undefined), and their geopoints never sit on a shape's boundary: shapes are built on
 * a quarter-degree grid and on short geohashes (at most 8 characters), documents use random
 * coordinates and long geohashes (9 characters or more), whose cell centres are never on that grid.
 *
 * <p>Values are plain Java trees (maps, lists, strings, numbers, booleans, nulls), ready for JSON.
 */
final class RandomFilters {
  /** Where field paths point: the top-level document, or the {value: element} document of select. */
  private record Scope(
      List<String> scalarFields,
      List<String> arrayFields,
      List<String> geoFields,
      List<String> matchKeys,
      List<String> existsFields) {}

  private static final Scope TOP = new Scope(
      List.of("a", "b", "o.x", "o.z.w", "_id", "w[1]", "o.y"),
      List.of("arr", "o.arr", "w", "a"),
      List.of("p", "o.g"),
      List.of("a", "b", "o", "o.x", "arr", "o.z", "o.arr"),
      List.of("a", "b", "o", "o.x", "o.z", "o.z.w", "_id", "arr", "p", "o.g", "w", "zz"));

  private static final Scope ELEMENT = new Scope(
      List.of("value", "value.b", "value.x"),
      List.of("value", "value.c"),
      List.of("value"),
      List.of("value", "value.b", "value.c"),
      List.of("value", "value.b", "value.c", "value.x"));

  // Arrays.asList: List.of refuses null.
  private static final List<Object> COMMON = Arrays.asList("x", "y", "ab", 1, 1.0, 2, true, null, "1");

  private static final List<Object> STRINGS = List.of(
      "x", "y", "ab", "abc", "ABC", "xab", "a\nb", "b\nc", "", "1", "true", "null", "\ud83d\ude00",
      "aab", "Ab", "c", "b", "123");

  private static final List<Object> NUMBERS = List.of(
      0, -0.0, 1, 1.0, 2, 2.5, -1, -2.5, 3, 3.0, 10, 0.1, 5e-11, Math.nextUp(1.0), Math.nextDown(3.0),
      1048576, 1e17, 100000000000000000L, 9007199254740992L, 9007199254740993L, 9.007199254740992E15,
      9007199254740994L, -9007199254740993L, new BigInteger("18446744073709551616"),
      new BigInteger("18446744073709551617"), 1.8446744073709552E19, Long.MAX_VALUE, Long.MIN_VALUE, 1e300);

  private static final List<String> PATTERNS = List.of(
      "^ab", "b", "^a.b$", "^[a-c]+$", "x|y", "^$", "\\d", "^.$", "c$", "^A", "(ab)+", "B", "^b$", "a.b",
      "");

  private static final List<String> FLAGS = List.of("", "i", "m", "s", "g", "y", "im", "is", "gi", "x", "u", "ms");

  /** Distances with every unit spelling, from 50 km to 400 km. */
  private static final List<Object> DISTANCES = List.of(
      "50km", "50 km", "120 Kilometers", "90000 metres", "1e5m", 100000, "150000", "80 mi", "60nmi",
      "300000 ft", "250 KM", "200000.5 m", "0.2e3km", "120000 meters", "75 miles", "400000 yd",
      "30 nauticalmiles", "9000000 in", "25000000 cm", "150000000 mm", "250 kilometre", 175000.25,
      " 333 km ", "1 mile", "2.5e5", "60000 METER", "180000 feet");

  /** Integer degrees around which shapes and points cluster; two of them straddle the antimeridian. */
  private static final double[][] ANCHORS = {{10, 20}, {-34, 151}, {0, 180}, {64, -20}, {51, 0}, {-20, -179}};

  private static final String GEOHASH_ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

  private final Random random;
  private double[] focus = ANCHORS[0];

  RandomFilters(Random random) {
    this.random = random;
  }

  /**
   * Picks the anchor that most shapes and points cluster around from now on, so that the filters and
   * documents of one set interact (call it once per filter set).
   */
  void refocus() {
    focus = ANCHORS[random.nextInt(ANCHORS.length)];
  }

  private double[] anchor() {
    return random.nextInt(4) == 0 ? ANCHORS[random.nextInt(ANCHORS.length)] : focus;
  }

  // ---- filters -------------------------------------------------------------------------------

  /** A random valid filter: occasionally null or {} (everything), else up to 8 leaves, 3 levels deep. */
  Object filter() {
    int kind = random.nextInt(100);
    if (kind < 2) {
      return null;
    }
    if (kind < 4) {
      return new LinkedHashMap<String, Object>();
    }
    return filter(TOP, 1 + random.nextInt(8), 3, 2);
  }

  private Map<String, Object> filter(Scope scope, int leaves, int depth, int selectDepth) {
    if (leaves == 1 || depth == 0 || random.nextInt(10) < 2) {
      Map<String, Object> leaf = leaf(scope, selectDepth);
      return random.nextInt(4) == 0 ? object("not", leaf) : leaf;
    }
    switch (random.nextInt(7)) {
      case 0:
      case 1:
        return object("and", children(scope, leaves, depth, selectDepth));
      case 2:
      case 3:
        return object("or", children(scope, leaves, depth, selectDepth));
      case 4:
        return object("not", filter(scope, leaves, depth - 1, selectDepth));
      default:
        return bool(scope, leaves, depth, selectDepth);
    }
  }

  private List<Object> children(Scope scope, int leaves, int depth, int selectDepth) {
    int count = 2 + random.nextInt(Math.min(3, leaves) - 1);
    List<Object> children = new ArrayList<>();
    for (int share : split(leaves, count)) {
      children.add(filter(scope, share, depth - 1, selectDepth));
    }
    return children;
  }

  private Map<String, Object> bool(Scope scope, int leaves, int depth, int selectDepth) {
    List<String> clauses = new ArrayList<>(List.of("must", "must_not", "should", "should_not"));
    Collections.shuffle(clauses, random);
    clauses = clauses.subList(0, 1 + random.nextInt(Math.min(4, leaves)));
    Map<String, Object> bool = new LinkedHashMap<>();
    List<Integer> shares = split(leaves, clauses.size());
    for (int i = 0; i < clauses.size(); i++) {
      int share = shares.get(i);
      int items = 1 + random.nextInt(Math.min(3, share));
      List<Object> filters = new ArrayList<>();
      for (int itemShare : split(share, items)) {
        filters.add(filter(scope, itemShare, depth - 1, selectDepth));
      }
      // A clause may be one filter instead of an array of them.
      bool.put(clauses.get(i), filters.size() == 1 && random.nextBoolean() ? filters.get(0) : filters);
    }
    return object("bool", bool);
  }

  /** Splits {@code total} (at least {@code parts}) into {@code parts} positive shares. */
  private List<Integer> split(int total, int parts) {
    List<Integer> shares = new ArrayList<>(Collections.nCopies(parts, 1));
    for (int i = parts; i < total; i++) {
      int k = random.nextInt(parts);
      shares.set(k, shares.get(k) + 1);
    }
    return shares;
  }

  private Map<String, Object> leaf(Scope scope, int selectDepth) {
    int kind = random.nextInt(selectDepth > 0 ? 100 : 95);
    if (kind < 14) {
      return object("equals", object(pick(random.nextInt(8) == 0 ? scope.arrayFields() : scope.scalarFields()), scalar()));
    }
    if (kind < 22) {
      List<Object> values = new ArrayList<>();
      for (int i = 1 + random.nextInt(4); i > 0; i--) {
        values.add(scalar());
      }
      return object("in", object(pick(scope.scalarFields()), values));
    }
    if (kind < 25) {
      List<Object> ids = new ArrayList<>();
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        ids.add(random.nextBoolean() ? pick(COMMON.subList(0, 3)) : pick(STRINGS));
      }
      return object("ids", object("values", ids));
    }
    if (kind < 36) {
      Object operand = existsOperand(scope);
      return object(random.nextInt(4) == 0 ? "missing" : "exists", operand);
    }
    if (kind < 48) {
      return object("range", object(pick(scope.scalarFields()), rangeBounds()));
    }
    if (kind < 57) {
      return object("regexp", object(pick(scope.scalarFields()), regexp()));
    }
    if (kind < 78) {
      return geo(scope);
    }
    if (kind < 88) {
      return match(scope);
    }
    if (kind < 95) {
      return object("nothing", pick(List.of(true, 1, "x", new LinkedHashMap<>())));
    }
    Map<String, Object> select = new LinkedHashMap<>();
    select.put("field", pick(scope.arrayFields()));
    select.put("index", random.nextInt(7) - 3);
    select.put("query", filter(ELEMENT, 1 + random.nextInt(3), 2, selectDepth - 1));
    return object("select", select);
  }

  private Object existsOperand(Scope scope) {
    String field;
    int kind = random.nextInt(10);
    if (kind < 4) {
      field = pick(scope.arrayFields()) + "[" + pick(List.of(
          "\"x\"", "\"y\"", "1", "1.0", "2", "true", "null", "-0.0", "9007199254740993", "{\"b\":1}", "[1]",
          "\"ab\"")) + "]";
    } else if (kind == 4 && scope == TOP) {
      field = "w\\[1]"; // the escaped bracket names the literal field "w[1]"
    } else {
      field = pick(scope.existsFields());
    }
    return random.nextInt(4) == 0 ? object("field", field) : field;
  }

  private Map<String, Object> rangeBounds() {
    Object low = rangeBound();
    Object high = rangeBound();
    Map<String, Object> bounds = new LinkedHashMap<>();
    switch (random.nextInt(5)) {
      case 0:
        bounds.put(random.nextBoolean() ? "gt" : "gte", low);
        return bounds;
      case 1:
        bounds.put(random.nextBoolean() ? "lt" : "lte", high);
        return bounds;
      default:
        int order = ReferenceEvaluator.compareNumbers(asWritten(low), asWritten(high));
        if (order > 0) {
          Object t = low;
          low = high;
          high = t;
        }
        boolean inclusive = order == 0 || random.nextBoolean();
        String lowOp = inclusive || random.nextBoolean() ? "gte" : "gt";
        String highOp = order == 0 || random.nextBoolean() ? "lte" : "lt";
        if (order == 0) {
          lowOp = "gte";
        }
        // Key order is free in JSON.
        if (random.nextBoolean()) {
          bounds.put(lowOp, low);
          bounds.put(highOp, high);
        } else {
          bounds.put(highOp, high);
          bounds.put(lowOp, low);
        }
        return bounds;
    }
  }

  /**
   * The value a number has once written as JSON: a double such as 1.8446744073709552E19 is then the
   * integer its digits spell, not 2^64.
   */
  private static Number asWritten(Object number) {
    String literal = number instanceof Double ? Double.toString((Double) number) : number.toString();
    return (Number) ReferenceEvaluator.readJson(literal);
  }

  private Object rangeBound() {
    return random.nextInt(3) == 0 ? pick(List.of(1, 2, 3, 2.5, 0)) : pick(NUMBERS);
  }

  private Object regexp() {
    String pattern = pick(PATTERNS);
    switch (random.nextInt(3)) {
      case 0:
        return pattern;
      case 1:
        return object("value", pattern);
      default:
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("value", pattern);
        spec.put("flags", pick(FLAGS));
        return spec;
    }
  }

  private Map<String, Object> match(Scope scope) {
    Map<String, Object> templates = new LinkedHashMap<>();
    for (int i = 1 + random.nextInt(2); i > 0; i--) {
      templates.put(pick(scope.matchKeys()), template(2));
    }
    return object("match", templates);
  }

  private Object template(int depth) {
    int kind = random.nextInt(depth > 0 ? 10 : 4);
    if (kind < 4) {
      return random.nextBoolean() ? pick(COMMON) : scalar();
    }
    if (kind < 7) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (int i = random.nextInt(3); i > 0; i--) {
        object.put(pick(List.of("x", "b", "c", "z", "w")), template(depth - 1));
      }
      return object;
    }
    List<Object> array = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      array.add(random.nextInt(3) == 0 ? template(depth - 1) : element(false));
    }
    return array;
  }

  // ---- geo filters ---------------------------------------------------------------------------

  private Map<String, Object> geo(Scope scope) {
    String field = pick(scope.geoFields());
    double[] anchor = anchor();
    double lat = anchor[0] + quarters(4);
    double lon = anchor[1] + quarters(4);
    switch (random.nextInt(4)) {
      case 0:
        return object("geoBoundingBox", object(field, box(lat, lon)));
      case 1: {
        Map<String, Object> operand = new LinkedHashMap<>();
        operand.put(field, shapePoint(lat, lon));
        operand.put("distance", pick(DISTANCES));
        return object("geoDistance", shuffled(operand));
      }
      case 2: {
        Object from = pick(DISTANCES);
        Object to = pick(DISTANCES);
        double fromMeters = ReferenceEvaluator.Geo.meters(from);
        double toMeters = ReferenceEvaluator.Geo.meters(to);
        if (fromMeters == toMeters) {
          from = random.nextBoolean() ? "0m" : 0;
        } else if (fromMeters > toMeters) {
          Object t = from;
          from = to;
          to = t;
        }
        Map<String, Object> operand = new LinkedHashMap<>();
        operand.put(field, shapePoint(lat, lon));
        operand.put("from", from);
        operand.put("to", to);
        return object("geoDistanceRange", shuffled(operand));
      }
      default:
        return object("geoPolygon", object(field, object("points", polygon(lat, lon))));
    }
  }

  private Object box(double lat, double lon) {
    if (random.nextInt(40) == 0) {
      return sides(90, -180, -90, 180);
    }
    double halfHeight = 0.25 * (1 + random.nextInt(12));
    double halfWidth = 0.25 * (1 + random.nextInt(16));
    double top = lat + halfHeight;
    double bottom = lat - halfHeight;
    double left = lon - halfWidth;
    double right = lon + halfWidth;
    // Longitudes may be written outside [-180, 180], or wrapped so that left is east of right.
    if (random.nextBoolean()) {
      left = wrap(left);
      right = wrap(right);
    } else if (random.nextInt(4) == 0) {
      double shift = random.nextBoolean() ? 360 : -360;
      left += shift;
      right += shift;
    }
    switch (random.nextInt(4)) {
      case 0:
        return sides(top, left, bottom, right);
      case 1: {
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("top", Double.toString(top));
        box.put("left", Double.toString(left));
        box.put("bottom", Double.toString(bottom));
        box.put("right", Double.toString(right));
        return shuffled(box);
      }
      case 2: {
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("topLeft", shapePoint(top, left));
        box.put("bottomRight", shapePoint(bottom, right));
        return shuffled(box);
      }
      default: {
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("top_left", shapePoint(top, left));
        box.put("bottom_right", shapePoint(bottom, right));
        return shuffled(box);
      }
    }
  }

  private Map<String, Object> sides(double top, double left, double bottom, double right) {
    Map<String, Object> box = new LinkedHashMap<>();
    box.put("top", number(top));
    box.put("left", number(left));
    box.put("bottom", number(bottom));
    box.put("right", number(right));
    if (random.nextInt(10) == 0) {
      box.put("extra", 5); // ignored
    }
    return shuffled(box);
  }

  /** A star-shaped polygon of 3 to 6 vertices around a centre, in either orientation. */
  private List<Object> polygon(double lat, double lon) {
    while (true) {
      int count = 3 + random.nextInt(4);
      double start = random.nextDouble() * 2 * Math.PI;
      List<double[]> vertices = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        double angle = start + 2 * Math.PI * i / count + (random.nextDouble() - 0.5) * Math.PI / count / 2;
        double radius = 1 + 0.25 * random.nextInt(9);
        vertices.add(new double[] {
          lat + onQuarterGrid(radius * Math.sin(angle)), lon + onQuarterGrid(radius * Math.cos(angle))
        });
      }
      if (!isProperPolygon(vertices)) {
        continue;
      }
      if (random.nextBoolean()) {
        Collections.reverse(vertices);
      }
      List<Object> points = new ArrayList<>();
      for (double[] v : vertices) {
        double vertexLon = random.nextInt(5) == 0 ? wrap(v[1]) + (random.nextBoolean() ? 360 : 0) : v[1];
        points.add(random.nextInt(8) == 0 ? geohash(v[0], vertexLon, 6 + random.nextInt(3)) : gridPoint(v[0], vertexLon));
      }
      if (random.nextInt(4) == 0) {
        points.add(points.get(0)); // closing the ring is optional
      }
      return points;
    }
  }

  /**
   * Distinct vertices, not all on one great circle, and no crossing edges (checked in the lat/lon
   * plane, which is close enough for these small polygons given the margin).
   */
  private static boolean isProperPolygon(List<double[]> vertices) {
    Set<String> distinct = new HashSet<>();
    for (double[] v : vertices) {
      distinct.add(v[0] + "," + wrap(v[1]));
    }
    if (distinct.size() != vertices.size()) {
      return false;
    }
    int n = vertices.size();
    for (int i = 0; i < n; i++) {
      for (int j = i + 2; j < n; j++) {
        if ((j + 1) % n != i && segmentsNear(vertices.get(i), vertices.get((i + 1) % n),
            vertices.get(j), vertices.get((j + 1) % n))) {
          return false;
        }
      }
    }
    double[] a = unit(vertices.get(0));
    double[] b = unit(vertices.get(1));
    double[] normal = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    for (double[] v : vertices) {
      double[] u = unit(v);
      if (Math.abs(normal[0] * u[0] + normal[1] * u[1] + normal[2] * u[2]) > 1e-6) {
        return true;
      }
    }
    return false;
  }

  /** Whether two segments cross or pass within a tenth of a degree of each other. */
  private static boolean segmentsNear(double[] a, double[] b, double[] c, double[] d) {
    double orientation1 = orientation(a, b, c);
    double orientation2 = orientation(a, b, d);
    double orientation3 = orientation(c, d, a);
    double orientation4 = orientation(c, d, b);
    if (orientation1 * orientation2 < 0 && orientation3 * orientation4 < 0) {
      return true;
    }
    return Math.min(Math.min(pointToSegment(a, c, d), pointToSegment(b, c, d)),
        Math.min(pointToSegment(c, a, b), pointToSegment(d, a, b))) < 0.1;
  }

  private static double orientation(double[] a, double[] b, double[] c) {
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  }

  private static double pointToSegment(double[] p, double[] a, double[] b) {
    double dx = b[0] - a[0];
    double dy = b[1] - a[1];
    double t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
  }

  private static double[] unit(double[] latLon) {
    double lat = Math.toRadians(latLon[0]);
    double lon = Math.toRadians(latLon[1]);
    return new double[] {Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)};
  }

  /** A grid point of a shape in a random format; geohashes here have at most 8 characters. */
  private Object shapePoint(double lat, double lon) {
    return random.nextInt(8) == 0 ? geohash(lat, lon, 4 + random.nextInt(5)) : gridPoint(lat, lon);
  }

  private Object gridPoint(double lat, double lon) {
    return pointIn(random.nextInt(9), number(lat), number(lon));
  }

  private Object pointIn(int format, Object lat, Object lon) {
    switch (format) {
      case 0:
        return list(lat, lon);
      case 1:
        return list(text(lat), text(lon));
      case 2:
        return text(lat) + "," + text(lon);
      case 3:
        return text(lat) + ", " + text(lon);
      case 4:
        return latLon(lat, lon);
      case 5:
        return latLon(text(lat), text(lon));
      case 6:
        return object("latLon", list(lat, lon));
      case 7:
        return object("lat_lon", latLon(lat, lon));
      default:
        return object(random.nextBoolean() ? "latLon" : "lat_lon", text(lat) + ", " + text(lon));
    }
  }

  private Map<String, Object> latLon(Object lat, Object lon) {
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("lat", lat);
    point.put("lon", lon);
    return shuffled(point);
  }

  private double quarters(int maxAbs) {
    return 0.25 * (random.nextInt(8 * maxAbs + 1) - 4 * maxAbs);
  }

  private static double onQuarterGrid(double degrees) {
    return Math.round(degrees * 4) / 4.0;
  }

  /** The same longitude within [-180, 180). */
  private static double wrap(double lon) {
    double m = (lon + 180) % 360;
    return (m < 0 ? m + 360 : m) - 180;
  }

  /** Integral values sometimes as JSON integers, else as doubles. */
  private Object number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e9 && random.nextBoolean()) {
      return (int) value;
    }
    return value;
  }

  private static String text(Object number) {
    return number instanceof Double ? Double.toString((Double) number) : String.valueOf(number);
  }

  static String geohash(double lat, double lon, int length) {
    double latLo = -90;
    double latHi = 90;
    double lonLo = -180;
    double lonHi = 180;
    lon = wrap(lon);
    StringBuilder hash = new StringBuilder();
    boolean lonBit = true;
    int digit = 0;
    int bits = 0;
    while (hash.length() < length) {
      digit <<= 1;
      if (lonBit) {
        double mid = (lonLo + lonHi) / 2;
        if (lon >= mid) {
          digit |= 1;
          lonLo = mid;
        } else {
          lonHi = mid;
        }
      } else {
        double mid = (latLo + latHi) / 2;
        if (lat >= mid) {
          digit |= 1;
          latLo = mid;
        } else {
          latHi = mid;
        }
      }
      lonBit = !lonBit;
      if (++bits == 5) {
        hash.append(GEOHASH_ALPHABET.charAt(digit));
        digit = 0;
        bits = 0;
      }
    }
    return hash.toString();
  }

  // ---- documents -----------------------------------------------------------------------------

  /** A random document over the same fields as the filters. */
  Map<String, Object> document() {
    Map<String, Object> doc = new LinkedHashMap<>();
    maybePut(doc, "a", 0.75, this::anyValue);
    maybePut(doc, "b", 0.6, this::anyValue);
    maybePut(doc, "_id", 0.5, () -> random.nextInt(5) == 0 ? scalar() : pick(STRINGS));
    maybePut(doc, "w[1]", 0.2, this::scalar);
    maybePut(doc, "w", 0.3, () -> random.nextInt(4) == 0 ? scalar() : array());
    maybePut(doc, "arr", 0.7, () -> random.nextInt(5) == 0 ? anyValue() : array());
    maybePut(doc, "p", 0.75, this::geoValue);
    maybePut(doc, "o", 0.75, () -> random.nextInt(5) == 0 ? anyValue() : nestedObject());
    // Literal dotted keys, kept only where the nested structure does not hold the same path.
    maybePut(doc, "o.x", 0.2, this::anyValue);
    maybePut(doc, "o.z.w", 0.1, this::anyValue);
    maybePut(doc, "o.g", 0.15, this::geoValue);
    maybePut(doc, "o.arr", 0.1, this::array);
    maybePut(doc, "o.z", 0.05, () -> object("w", anyValue()));
    for (String literal : List.of("o.x", "o.z.w", "o.g", "o.arr", "o.z")) {
      if (doc.containsKey(literal) && isAmbiguous(doc)) {
        doc.remove(literal);
      }
    }
    return shuffled(doc);
  }

  private Map<String, Object> nestedObject() {
    Map<String, Object> o = new LinkedHashMap<>();
    maybePut(o, "x", 0.7, this::anyValue);
    maybePut(o, "y", 0.4, this::scalar);
    maybePut(o, "z", 0.5, () -> random.nextInt(4) == 0 ? scalar() : object("w", anyValue()));
    maybePut(o, "g", 0.5, this::geoValue);
    maybePut(o, "arr", 0.4, this::array);
    return o;
  }

  /** Whether two ways of reading the document reach the same dotted path. */
  private static boolean isAmbiguous(Map<String, Object> doc) {
    Set<String> paths = new HashSet<>();
    return !flatten(doc, "", paths);
  }

  private static boolean flatten(Map<String, Object> object, String prefix, Set<String> paths) {
    for (Map.Entry<String, Object> e : object.entrySet()) {
      String path = prefix + e.getKey();
      if (!paths.add(path)) {
        return false;
      }
      if (e.getValue() instanceof Map && !flatten(ReferenceEvaluator.asMap(e.getValue()), path + ".", paths)) {
        return false;
      }
    }
    return true;
  }

  private Object anyValue() {
    int kind = random.nextInt(20);
    if (kind < 12) {
      return scalar();
    }
    if (kind < 15) {
      return array();
    }
    if (kind < 17) {
      Map<String, Object> object = new LinkedHashMap<>();
      maybePut(object, "x", 0.6, this::scalar);
      maybePut(object, "b", 0.5, this::scalar);
      return object;
    }
    return geoValue();
  }

  private List<Object> array() {
    List<Object> array = new ArrayList<>();
    for (int i = random.nextInt(5); i > 0; i--) {
      array.add(element(true));
    }
    return array;
  }

  /** An array element: scalars, small objects, nested arrays and geopoints. */
  private Object element(boolean withPoints) {
    int kind = random.nextInt(20);
    if (kind < 10) {
      return random.nextBoolean() ? pick(COMMON) : scalar();
    }
    if (kind < 14) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("b", pick(List.of(1, 1.0, 2, "x", true)));
      if (random.nextInt(3) == 0) {
        object.put(random.nextBoolean() ? "c" : "x", random.nextBoolean() ? pick(COMMON) : list(pick(COMMON), pick(COMMON)));
      }
      return object;
    }
    if (kind < 17 || !withPoints) {
      List<Object> nested = new ArrayList<>();
      for (int i = random.nextInt(3); i > 0; i--) {
        nested.add(pick(COMMON));
      }
      return nested;
    }
    return geoValue();
  }

  Object scalar() {
    int kind = random.nextInt(20);
    if (kind < 8) {
      return pick(COMMON);
    }
    if (kind < 13) {
      return pick(STRINGS);
    }
    if (kind < 19) {
      return pick(NUMBERS);
    }
    return random.nextBoolean();
  }

  /**
   * A geopoint near an anchor in any format (random coordinates, long geohashes), or now and then a
   * value that is no readable point.
   */
  private Object geoValue() {
    if (random.nextInt(6) == 0) {
      return pick(List.of(
          "x,y", list(1, 2, 3), object("lat", 1), "", 0, false, "abcd", "s0", list(95, 10), "1e400,2",
          "Infinity, 0", latLon(-91, 0), "1,2,3", "ABCD", list(true, 1), object("latLon", "zz,1")));
    }
    double[] anchor = anchor();
    double lat = anchor[0] + (random.nextDouble() - 0.5) * 6;
    double lon = anchor[1] + (random.nextDouble() - 0.5) * 7;
    if (random.nextInt(8) == 0) {
      return geohash(lat, lon, 9 + random.nextInt(4));
    }
    if (random.nextInt(3) == 0) {
      lon = wrap(lon) + (random.nextInt(5) == 0 ? 360 : 0);
    }
    return pointIn(random.nextInt(9), lat, lon);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void maybePut(Map<String, Object> map, String key, double probability, java.util.function.Supplier<Object> value) {
    if (random.nextDouble() < probability) {
      map.put(key, value.get());
    }
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private <V> Map<String, V> shuffled(Map<String, V> map) {
    List<Map.Entry<String, V>> entries = new ArrayList<>(map.entrySet());
    Collections.shuffle(entries, random);
    Map<String, V> out = new LinkedHashMap<>();
    for (Map.Entry<String, V> e : entries) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  private static Map<String, Object> object(String key, Object value) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(key, value);
    return map;
  }

  private static List<Object> list(Object... values) {
    List<Object> list = new ArrayList<>();
    Collections.addAll(list, values);
    return list;
  }
}
