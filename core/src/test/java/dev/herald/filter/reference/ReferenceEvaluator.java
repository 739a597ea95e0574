package dev.herald.filter.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * The test oracle: decides whether one filter matches one document by interpreting the filter JSON
 * directly on the document, with the semantics Herald follows (Koncorde's language with the
 * corrections listed in DESIGN.md). It shares no code with the engine on purpose: it is slow and
 * plain, so that a disagreement points at one of two independent readings of the rules.
 *
 * <p>Filters and documents are JSON trees: maps, lists, strings, numbers of any Java type, booleans
 * and nulls; {@link #readJson} parses text into one. Only valid filters are supported; an invalid
 * one may throw.
 *
 * <p>Numbers compare by exact value. A {@link BigDecimal} (how {@link #readJson} reads a literal with
 * a fraction or an exponent) stands for the nearest double, as JSON parsers read {@code 0.1} or
 * {@code 1.0E300}; integer literals are exact at any size.
 */
public final class ReferenceEvaluator {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Stands for an absent field, which is not the same as a field holding null. */
  private static final Object ABSENT = new Object();

  private ReferenceEvaluator() {}

  /** Whether {@code filter} ({@code null} and {@code {}} match everything) matches {@code document}. */
  public static boolean matches(Object filter, Map<String, ?> document) {
    if (filter == null || asMap(filter).isEmpty()) {
      return true;
    }
    return evaluate(asMap(filter), document);
  }

  private static boolean evaluate(Map<String, Object> filter, Map<String, ?> doc) {
    if (filter.size() != 1) {
      throw new IllegalArgumentException("a filter holds exactly one keyword: " + filter);
    }
    Map.Entry<String, Object> entry = filter.entrySet().iterator().next();
    Object operand = entry.getValue();
    switch (entry.getKey()) {
      case "equals": {
        Map.Entry<String, Object> field = onlyEntry(operand);
        return scalarEquals(field.getValue(), lookup(doc, field.getKey()));
      }
      case "in": {
        Map.Entry<String, Object> field = onlyEntry(operand);
        return containsScalar(asList(field.getValue()), lookup(doc, field.getKey()));
      }
      case "ids":
        return containsScalar(asList(asMap(operand).get("values")), lookup(doc, "_id"));
      case "exists":
        return exists(operand, doc);
      case "missing":
        return !exists(operand, doc);
      case "range": {
        Map.Entry<String, Object> field = onlyEntry(operand);
        return inRange(asMap(field.getValue()), lookup(doc, field.getKey()));
      }
      case "regexp": {
        Map.Entry<String, Object> field = onlyEntry(operand);
        Object value = lookup(doc, field.getKey());
        return value instanceof String && regexp(field.getValue()).matcher((String) value).find();
      }
      case "geoBoundingBox":
      case "geoDistance":
      case "geoDistanceRange":
      case "geoPolygon":
        return Geo.matches(entry.getKey(), asMap(operand), doc);
      case "match": {
        for (Map.Entry<String, Object> field : asMap(operand).entrySet()) {
          Object value = lookup(doc, field.getKey());
          if (value == ABSENT || !partialMatch(field.getValue(), value)) {
            return false;
          }
        }
        return true;
      }
      case "select":
        return select(asMap(operand), doc);
      case "nothing":
        return false;
      case "and":
        for (Object item : asList(operand)) {
          if (!evaluate(asMap(item), doc)) {
            return false;
          }
        }
        return true;
      case "or":
        for (Object item : asList(operand)) {
          if (evaluate(asMap(item), doc)) {
            return true;
          }
        }
        return false;
      case "not":
        return !evaluate(asMap(operand), doc);
      case "bool":
        return bool(asMap(operand), doc);
      default:
        throw new IllegalArgumentException("unknown keyword " + entry.getKey());
    }
  }

  // ---- document model ------------------------------------------------------------------------

  /**
   * The value at a dotted path, or {@link #ABSENT}. Each dot may separate two levels of nested
   * objects or belong to a literal key ({@code "a.b"} reaches {@code {a:{b:1}}} and {@code {"a.b":1}});
   * arrays are never traversed.
   */
  private static Object lookup(Map<String, ?> object, String path) {
    if (object.containsKey(path)) {
      return object.get(path);
    }
    for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1)) {
      Object child = object.get(path.substring(0, dot));
      if (child instanceof Map) {
        Object found = lookup(asMap(child), path.substring(dot + 1));
        if (found != ABSENT) {
          return found;
        }
      }
    }
    return ABSENT;
  }

  /** Strict JSON scalar equality: same type, numbers by exact value, null equals only null. */
  static boolean scalarEquals(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == null && actual == null;
    }
    if (expected instanceof Number && actual instanceof Number) {
      return compareNumbers((Number) expected, (Number) actual) == 0;
    }
    if (expected instanceof String || expected instanceof Boolean) {
      return expected.equals(actual);
    }
    return false;
  }

  private static boolean containsScalar(List<Object> candidates, Object actual) {
    for (Object candidate : candidates) {
      if (scalarEquals(candidate, actual)) {
        return true;
      }
    }
    return false;
  }

  /** Compares numbers by their exact mathematical values, whatever their Java types. */
  static int compareNumbers(Number x, Number y) {
    return exact(x).compareTo(exact(y));
  }

  private static BigDecimal exact(Number n) {
    if (n instanceof BigDecimal) {
      return new BigDecimal(((BigDecimal) n).doubleValue());
    }
    if (n instanceof BigInteger) {
      return new BigDecimal((BigInteger) n);
    }
    if (n instanceof Double || n instanceof Float) {
      return new BigDecimal(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }

  // ---- leaf keywords -------------------------------------------------------------------------

  /** Koncorde's array-value syntax {@code field[<json>]}: the first '[' not preceded by a backslash. */
  private static final java.util.regex.Pattern ARRAY_VALUE =
      java.util.regex.Pattern.compile("^(.*?[^\\\\])\\[(.*)]$", java.util.regex.Pattern.DOTALL);

  private static boolean exists(Object operand, Map<String, ?> doc) {
    String field = operand instanceof String ? (String) operand : (String) asMap(operand).get("field");
    Matcher arrayValue = ARRAY_VALUE.matcher(field);
    if (!arrayValue.matches()) {
      return lookup(doc, field.replace("\\[", "[")) != ABSENT;
    }
    Object wanted = readJson(arrayValue.group(2));
    Object value = lookup(doc, arrayValue.group(1));
    if (wanted instanceof Map || wanted instanceof List || !(value instanceof List)) {
      return false;
    }
    return asList(value).stream().anyMatch(element -> scalarEquals(wanted, element));
  }

  private static boolean inRange(Map<String, Object> bounds, Object value) {
    if (!(value instanceof Number)) {
      return false;
    }
    for (Map.Entry<String, Object> bound : bounds.entrySet()) {
      int c = compareNumbers((Number) value, (Number) bound.getValue());
      boolean ok;
      switch (bound.getKey()) {
        case "gt":
          ok = c > 0;
          break;
        case "gte":
          ok = c >= 0;
          break;
        case "lt":
          ok = c < 0;
          break;
        case "lte":
          ok = c <= 0;
          break;
        default:
          throw new IllegalArgumentException("unknown range bound " + bound.getKey());
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  /** JavaScript-style flags: i, m and s count; g, y, u and unknown letters change nothing. */
  private static Pattern regexp(Object spec) {
    String source;
    String flags = "";
    if (spec instanceof String) {
      source = (String) spec;
    } else {
      source = (String) asMap(spec).get("value");
      Object f = asMap(spec).get("flags");
      flags = f == null ? "" : (String) f;
    }
    int re2Flags = (flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0)
        | (flags.contains("m") ? Pattern.MULTILINE : 0)
        | (flags.contains("s") ? Pattern.DOTALL : 0);
    return PATTERNS.computeIfAbsent(re2Flags + "/" + source, k -> Pattern.compile(source, re2Flags));
  }

  /**
   * Partial structural match: a template object needs every key (literal keys) with a matching
   * value, a template array needs each element to consume a distinct document element (first
   * unused match, in template order), a scalar needs strict equality.
   */
  private static boolean partialMatch(Object template, Object value) {
    if (template instanceof Map) {
      if (!(value instanceof Map)) {
        return false;
      }
      Map<String, Object> object = asMap(value);
      for (Map.Entry<String, Object> e : asMap(template).entrySet()) {
        if (!object.containsKey(e.getKey()) || !partialMatch(e.getValue(), object.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (template instanceof List) {
      if (!(value instanceof List)) {
        return false;
      }
      List<Object> elements = asList(value);
      boolean[] used = new boolean[elements.size()];
      for (Object wanted : asList(template)) {
        int found = -1;
        for (int i = 0; i < elements.size() && found < 0; i++) {
          if (!used[i] && partialMatch(wanted, elements.get(i))) {
            found = i;
          }
        }
        if (found < 0) {
          return false;
        }
        used[found] = true;
      }
      return true;
    }
    return !(value instanceof Map) && !(value instanceof List) && scalarEquals(template, value);
  }

  private static boolean select(Map<String, Object> operand, Map<String, ?> doc) {
    Object value = lookup(doc, (String) operand.get("field"));
    if (!(value instanceof List)) {
      return false;
    }
    List<Object> elements = asList(value);
    long index = ((Number) operand.get("index")).longValue();
    if (index < 0) {
      index += elements.size();
    }
    if (index < 0 || index >= elements.size()) {
      return false;
    }
    Map<String, Object> element = new LinkedHashMap<>();
    element.put("value", elements.get((int) index));
    return matches(operand.get("query"), element);
  }

  // ---- boolean keywords ----------------------------------------------------------------------

  private static boolean bool(Map<String, Object> clauses, Map<String, ?> doc) {
    for (Map.Entry<String, Object> clause : clauses.entrySet()) {
      List<Object> items = clause.getValue() instanceof Map ? List.of(clause.getValue()) : asList(clause.getValue());
      int matching = 0;
      for (Object item : items) {
        if (evaluate(asMap(item), doc)) {
          matching++;
        }
      }
      boolean ok;
      switch (clause.getKey()) {
        case "must":
          ok = matching == items.size();
          break;
        case "must_not":
          ok = matching == 0;
          break;
        case "should":
          ok = matching > 0;
          break;
        case "should_not":
          ok = matching < items.size();
          break;
        default:
          throw new IllegalArgumentException("unknown bool clause " + clause.getKey());
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  // ---- geo -----------------------------------------------------------------------------------

  /** Geopoints, shapes and distances. */
  static final class Geo {
    private static final String GEOHASH_ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

    private Geo() {}

    static boolean matches(String keyword, Map<String, Object> operand, Map<String, ?> doc) {
      switch (keyword) {
        case "geoBoundingBox": {
          Map.Entry<String, Object> field = onlyEntry(operand);
          double[] p = point(lookup(doc, field.getKey()));
          return p != null && inBox(asMap(field.getValue()), p);
        }
        case "geoDistance": {
          String field = otherKey(operand, "distance");
          double[] p = point(lookup(doc, field));
          return p != null && distance(point(operand.get(field)), p) <= meters(operand.get("distance"));
        }
        case "geoDistanceRange": {
          String field = otherKey(operand, "from", "to");
          double[] p = point(lookup(doc, field));
          if (p == null) {
            return false;
          }
          double d = distance(point(operand.get(field)), p);
          return meters(operand.get("from")) <= d && d <= meters(operand.get("to"));
        }
        case "geoPolygon": {
          Map.Entry<String, Object> field = onlyEntry(operand);
          double[] p = point(lookup(doc, field.getKey()));
          List<Object> vertices = asList(asMap(field.getValue()).get("points"));
          return p != null && SphericalPolygon.contains(vertices.stream().map(Geo::point).toList(), p);
        }
        default:
          throw new IllegalArgumentException(keyword);
      }
    }

    /**
     * {lat, lon} in degrees, or null when the value denotes no readable point: [lat, lon],
     * "lat, lon", a geohash, {lat, lon}, {latLon | lat_lon: one of those}; the latitude must be within
     * [-90, 90] and both coordinates finite.
     */
    static double[] point(Object value) {
      if (value instanceof Map) {
        Map<String, Object> m = asMap(value);
        if (m.containsKey("lat") && m.containsKey("lon")) {
          return checked(parseFloat(m.get("lat")), parseFloat(m.get("lon")));
        }
        Object inner = m.containsKey("latLon") ? m.get("latLon") : m.get("lat_lon");
        if (inner instanceof Map) {
          Map<String, Object> latLon = asMap(inner);
          return latLon.containsKey("lat") && latLon.containsKey("lon")
              ? checked(parseFloat(latLon.get("lat")), parseFloat(latLon.get("lon")))
              : null;
        }
        return inner instanceof List || inner instanceof String ? point(inner) : null;
      }
      if (value instanceof List) {
        List<Object> list = asList(value);
        return list.size() == 2 ? checked(parseFloat(list.get(0)), parseFloat(list.get(1))) : null;
      }
      if (value instanceof String) {
        String s = (String) value;
        int comma = s.indexOf(',');
        if (comma >= 0) {
          return s.indexOf(',', comma + 1) >= 0
              ? null
              : checked(parseFloat(s.substring(0, comma)), parseFloat(s.substring(comma + 1)));
        }
        return geohash(s);
      }
      return null;
    }

    private static double[] checked(double lat, double lon) {
      if (!Double.isFinite(lat) || !Double.isFinite(lon) || lat < -90 || lat > 90) {
        return null;
      }
      return new double[] {lat, lon};
    }

    /** The centre of a geohash cell (bits alternate, longitude first), or null when not a geohash. */
    static double[] geohash(String s) {
      if (s.length() < 4) {
        return null;
      }
      double latLo = -90;
      double latHi = 90;
      double lonLo = -180;
      double lonHi = 180;
      boolean lonBit = true;
      for (int i = 0; i < s.length(); i++) {
        int digit = GEOHASH_ALPHABET.indexOf(s.charAt(i));
        if (digit < 0) {
          return null;
        }
        for (int bit = 4; bit >= 0; bit--) {
          boolean one = ((digit >> bit) & 1) == 1;
          if (lonBit) {
            double mid = (lonLo + lonHi) / 2;
            if (one) {
              lonLo = mid;
            } else {
              lonHi = mid;
            }
          } else {
            double mid = (latLo + latHi) / 2;
            if (one) {
              latLo = mid;
            } else {
              latHi = mid;
            }
          }
          lonBit = !lonBit;
        }
      }
      return new double[] {(latLo + latHi) / 2, (lonLo + lonHi) / 2};
    }

    /** JavaScript's parseFloat for a number (as is) or a string; NaN for anything else. */
    static double parseFloat(Object value) {
      if (value instanceof Number) {
        return ((Number) value).doubleValue();
      }
      if (!(value instanceof String)) {
        return Double.NaN;
      }
      String s = (String) value;
      int i = 0;
      while (i < s.length() && isJsWhitespace(s.charAt(i))) {
        i++;
      }
      int start = i;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      if (s.startsWith("Infinity", i)) {
        return s.charAt(start) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      int digits = 0;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        digits++;
      }
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
          digits++;
        }
      }
      if (digits == 0) {
        return Double.NaN;
      }
      int end = i;
      if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
        int j = i + 1;
        if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
          j++;
        }
        int expStart = j;
        while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
          j++;
        }
        if (j > expStart) {
          end = j;
        }
      }
      return Double.parseDouble(s.substring(start, end));
    }

    private static boolean isJsWhitespace(char c) {
      return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == 0xA0
          || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
          || c == 0x205F || c == 0x3000 || c == 0xFEFF;
    }

    /**
     * Latitudes within [bottom, top]; longitudes from left eastwards to right, modulo 360 (a left
     * east of right crosses the antimeridian); every edge inclusive.
     */
    private static boolean inBox(Map<String, Object> box, double[] p) {
      double top;
      double left;
      double bottom;
      double right;
      if (box.containsKey("top")) {
        top = parseFloat(box.get("top"));
        left = parseFloat(box.get("left"));
        bottom = parseFloat(box.get("bottom"));
        right = parseFloat(box.get("right"));
      } else {
        double[] topLeft = point(box.containsKey("topLeft") ? box.get("topLeft") : box.get("top_left"));
        double[] bottomRight =
            point(box.containsKey("bottomRight") ? box.get("bottomRight") : box.get("bottom_right"));
        top = topLeft[0];
        left = topLeft[1];
        bottom = bottomRight[0];
        right = bottomRight[1];
      }
      if (p[0] < bottom || p[0] > top) {
        return false;
      }
      if (right - left >= 360) {
        return true;
      }
      return modulo360(p[1] - left) <= modulo360(right - left);
    }

    private static double modulo360(double degrees) {
      double m = degrees % 360;
      return m < 0 ? m + 360 : m;
    }

    /**
     * Meters: a number as is; a string is a non-negative decimal with an optional unit
     * (case-insensitive, spaces allowed around it).
     */
    static double meters(Object distance) {
      if (distance instanceof Number) {
        return ((Number) distance).doubleValue();
      }
      Matcher m = DISTANCE.matcher(((String) distance).trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a distance: " + distance);
      }
      double value = Double.parseDouble(m.group(1));
      Double unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
      if (unit == null) {
        throw new IllegalArgumentException("unknown unit in " + distance);
      }
      return value * unit;
    }

    private static final java.util.regex.Pattern DISTANCE = java.util.regex.Pattern.compile(
        "((?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\\s*([A-Za-z]*)");

    private static final Map<String, Double> UNITS = units();

    private static Map<String, Double> units() {
      Map<String, Double> u = new java.util.HashMap<>();
      for (String name : new String[] {"", "m", "meter", "meters", "metre", "metres"}) {
        u.put(name, 1.0);
      }
      for (String name : new String[] {"km", "kilometer", "kilometers", "kilometre", "kilometres"}) {
        u.put(name, 1000.0);
      }
      u.put("cm", 0.01);
      u.put("mm", 0.001);
      for (String name : new String[] {"mi", "mile", "miles"}) {
        u.put(name, 1609.344);
      }
      for (String name : new String[] {"yd", "yard", "yards"}) {
        u.put(name, 0.9144);
      }
      for (String name : new String[] {"ft", "feet", "foot"}) {
        u.put(name, 0.3048);
      }
      for (String name : new String[] {"in", "inch", "inches"}) {
        u.put(name, 0.0254);
      }
      for (String name : new String[] {"nmi", "nauticalmile", "nauticalmiles"}) {
        u.put(name, 1852.0);
      }
      return u;
    }

    private static double distance(double[] from, double[] to) {
      return Geodesic.distance(from[0], from[1], to[0], to[1]);
    }
  }

  /**
   * The length of the shortest geodesic between two points of the WGS84 ellipsoid, computed by
   * solving for the starting azimuth with bisection and integrating the geodesic's arc-length and
   * longitude integrals on the auxiliary sphere by Gauss-Legendre quadrature (the integrals of
   * Karney, "Algorithms for geodesics", 2013, eqs. 7 and 8). Slow but robust, including for nearly
   * antipodal points, where Vincenty's iteration fails.
   */
  static final class Geodesic {
    static final double A = 6378137.0;
    static final double F = 1 / 298.257223563;
    static final double B = A * (1 - F);
    /** Second eccentricity squared. */
    private static final double EP2 = (A * A - B * B) / (B * B);

    private static final int ORDER = 24;
    private static final double[] NODES = new double[ORDER];
    private static final double[] WEIGHTS = new double[ORDER];

    static {
      // Gauss-Legendre nodes and weights on [-1, 1], by Newton's method on the Legendre polynomial.
      for (int i = 0; i < ORDER; i++) {
        double x = Math.cos(Math.PI * (i + 0.75) / (ORDER + 0.5));
        double derivative = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
          double p0 = 1;
          double p1 = x;
          for (int n = 2; n <= ORDER; n++) {
            double p2 = ((2 * n - 1) * x * p1 - (n - 1) * p0) / n;
            p0 = p1;
            p1 = p2;
          }
          derivative = ORDER * (x * p1 - p0) / (x * x - 1);
          double step = p1 / derivative;
          x -= step;
          if (Math.abs(step) < 1e-16) {
            break;
          }
        }
        NODES[i] = x;
        WEIGHTS[i] = 2 / ((1 - x * x) * derivative * derivative);
      }
    }

    private Geodesic() {}

    static double distance(double lat1, double lon1, double lat2, double lon2) {
      double lambda = Math.abs(Math.toRadians(Math.IEEEremainder(lon2 - lon1, 360)));
      double beta1 = reducedLatitude(lat1);
      double beta2 = reducedLatitude(lat2);
      // Symmetries: make beta1 <= 0 and |beta2| <= |beta1|.
      if (Math.abs(beta2) > Math.abs(beta1)) {
        double t = beta1;
        beta1 = beta2;
        beta2 = t;
      }
      if (beta1 > 0) {
        beta1 = -beta1;
        beta2 = -beta2;
      }
      if (beta1 == 0 && lambda <= (1 - F) * Math.PI) {
        return A * lambda; // along the equator
      }
      double lo = 0;
      double hi = Math.PI;
      for (int i = 0; i < 200 && hi - lo > 1e-16; i++) {
        double mid = (lo + hi) / 2;
        if (mid == lo || mid == hi) {
          break;
        }
        if (solve(beta1, beta2, mid)[0] < lambda) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return B * solve(beta1, beta2, (lo + hi) / 2)[1];
    }

    private static double reducedLatitude(double latDegrees) {
      double phi = Math.toRadians(latDegrees);
      return Math.atan2((1 - F) * Math.sin(phi), Math.cos(phi));
    }

    /**
     * Follows the geodesic leaving latitude beta1 with azimuth alpha1 up to where it first crosses
     * latitude beta2 heading north; returns {longitude difference, arc length / B} there.
     */
    private static double[] solve(double beta1, double beta2, double alpha1) {
      double sinBeta1 = Math.sin(beta1);
      double cosBeta1 = Math.cos(beta1);
      double sinBeta2 = Math.sin(beta2);
      double cosBeta2 = Math.cos(beta2);
      double sinAlpha1 = Math.sin(alpha1);
      double cosAlpha1 = Math.cos(alpha1);
      double sinAlpha0 = sinAlpha1 * cosBeta1;
      double cosAlpha0 = Math.hypot(cosAlpha1, sinAlpha1 * sinBeta1);
      // cos(alpha) cos(beta) at both ends; at the end it is taken non-negative (heading north).
      double c1 = cosAlpha1 * cosBeta1;
      double c2 = Math.sqrt(Math.max(0, c1 * c1 + (cosBeta2 - cosBeta1) * (cosBeta2 + cosBeta1)));
      double sigma1 = Math.atan2(sinBeta1, c1);
      double sigma2 = Math.atan2(sinBeta2, c2);
      double omega1 = Math.atan2(sinAlpha0 * sinBeta1, c1);
      double omega2 = Math.atan2(sinAlpha0 * sinBeta2, c2);
      if (sigma2 < sigma1) { // only on the equator, heading south-east
        sigma2 += 2 * Math.PI;
        omega2 += 2 * Math.PI;
      }
      double k2 = EP2 * cosAlpha0 * cosAlpha0;
      double half = (sigma2 - sigma1) / 2;
      double centre = (sigma2 + sigma1) / 2;
      double arc = 0;
      double longitudeIntegral = 0;
      for (int i = 0; i < ORDER; i++) {
        double s = Math.sin(centre + half * NODES[i]);
        double root = Math.sqrt(1 + k2 * s * s);
        arc += WEIGHTS[i] * root;
        longitudeIntegral += WEIGHTS[i] * (2 - F) / (1 + (1 - F) * root);
      }
      arc *= half;
      longitudeIntegral *= half;
      return new double[] {omega2 - omega1 - F * sinAlpha0 * longitudeIntegral, arc};
    }
  }

  /**
   * Point in a spherical polygon whose edges are the short great-circle arcs between consecutive
   * vertices (geodetic latitude and longitude used as spherical coordinates). Works on 3-D unit
   * vectors: a point on an edge is inside; otherwise the point is inside when the ring winds around
   * it and it lies on the polygon's side of the sphere (the polygon is smaller than a hemisphere).
   */
  static final class SphericalPolygon {
    private static final double ON_EDGE = 1e-12;

    private SphericalPolygon() {}

    static boolean contains(List<double[]> vertices, double[] point) {
      double[] p = unit(point);
      int n = vertices.size();
      double[] centroid = new double[3];
      double winding = 0;
      for (int i = 0; i < n; i++) {
        double[] a = unit(vertices.get(i));
        double[] b = unit(vertices.get((i + 1) % n));
        if (onArc(a, b, p)) {
          return true;
        }
        centroid = add(centroid, a);
        winding += angleSeenFrom(p, a, b);
      }
      return Math.abs(winding) > Math.PI && dot(centroid, p) > 0;
    }

    /** The signed angle at p between the great circles towards a and towards b. */
    private static double angleSeenFrom(double[] p, double[] a, double[] b) {
      double[] ta = tangent(p, a);
      double[] tb = tangent(p, b);
      return Math.atan2(dot(cross(ta, tb), p), dot(ta, tb));
    }

    private static double[] tangent(double[] p, double[] v) {
      double d = dot(p, v);
      return new double[] {v[0] - d * p[0], v[1] - d * p[1], v[2] - d * p[2]};
    }

    private static boolean onArc(double[] a, double[] b, double[] p) {
      if (distance(a, p) < ON_EDGE || distance(b, p) < ON_EDGE) {
        return true;
      }
      double[] normal = cross(a, b);
      double length = norm(normal);
      if (length < ON_EDGE) {
        return false; // a and b coincide
      }
      if (Math.abs(dot(normal, p)) / length > ON_EDGE) {
        return false; // off the great circle
      }
      // On the great circle: between a and b when the two sub-arcs add up to the arc.
      return Math.abs(angle(a, p) + angle(p, b) - angle(a, b)) < ON_EDGE;
    }

    private static double angle(double[] u, double[] v) {
      return Math.atan2(norm(cross(u, v)), dot(u, v));
    }

    private static double distance(double[] u, double[] v) {
      return norm(new double[] {u[0] - v[0], u[1] - v[1], u[2] - v[2]});
    }

    private static double[] unit(double[] latLon) {
      double lat = Math.toRadians(latLon[0]);
      double lon = Math.toRadians(latLon[1]);
      return new double[] {Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)};
    }

    private static double[] cross(double[] u, double[] v) {
      return new double[] {
        u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]
      };
    }

    private static double[] add(double[] u, double[] v) {
      return new double[] {u[0] + v[0], u[1] + v[1], u[2] + v[2]};
    }

    private static double dot(double[] u, double[] v) {
      return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    }

    private static double norm(double[] u) {
      return Math.sqrt(dot(u, u));
    }
  }

  // ---- JSON tree helpers ---------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object value) {
    return (List<Object>) value;
  }

  private static Map.Entry<String, Object> onlyEntry(Object operand) {
    return asMap(operand).entrySet().iterator().next();
  }

  private static String otherKey(Map<String, Object> operand, String... known) {
    return operand.keySet().stream()
        .filter(k -> !List.of(known).contains(k))
        .findFirst()
        .orElseThrow();
  }

  /** Parses JSON text into the tree this evaluator reads: literals with a fraction or exponent as BigDecimal. */
  public static Object readJson(String text) {
    try {
      return JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON " + text, e);
    }
  }
}
