package dev.herald.internal.filter;

import dev.herald.filter.FilterException;
import dev.herald.internal.geo.Distances;
import dev.herald.internal.geo.GeoPoint;
import dev.herald.internal.geo.GeoPoints;
import dev.herald.internal.geo.GeoShape;
import dev.herald.internal.json.JsonException;
import dev.herald.internal.json.JsonReader;
import dev.herald.internal.regex.RegexpPattern;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a filter (a JSON tree) and rewrites it into {@link Node}s: {@code in} and {@code ids}
 * become value sets, {@code missing} becomes NOT exists, {@code bool} becomes AND/OR/NOT, {@code match}
 * on scalars becomes equals. Errors name the offending keyword or field as a quoted dotted path, as
 * Koncorde's do (paths inside {@code bool} name the rewritten form, as Koncorde's do).
 *
 * <p>Not thread-safe: one parser per filter.
 */
final class FilterParser {
  /** Koncorde's array-value syntax {@code field[<json>]}: the first '[' not escaped by a backslash. */
  private static final Pattern ARRAY_VALUE = Pattern.compile("^(.*?[^\\\\])\\[(.*)]$", Pattern.DOTALL);

  private final FilterLimits limits;
  private int conditions;

  FilterParser(FilterLimits limits) {
    this.limits = limits;
  }

  /** Conditions counted so far, against {@link FilterLimits#maxConditions()}. */
  int conditions() {
    return conditions;
  }

  /** Parses a whole filter; {@code null} and {@code {}} match everything. */
  Node parseTop(Object filter) {
    if (filter == null) {
      return new Node.Const(true);
    }
    if (!(filter instanceof Map)) {
      throw new FilterException(FilterException.Reason.INVALID, "",
          "a filter must be a JSON object, got " + describe(filter));
    }
    if (((Map<?, ?>) filter).isEmpty()) {
      return new Node.Const(true);
    }
    return parse((Map<?, ?>) filter, "");
  }

  private Node parse(Map<?, ?> filter, String prefix) {
    if (filter.size() != 1) {
      throw new FilterException(FilterException.Reason.INVALID, prefix,
          (prefix.isEmpty() ? "" : quote(prefix) + ": ")
              + "Invalid filter syntax. Filters must have one keyword only, got "
              + (filter.isEmpty() ? "none" : String.join(", ", keys(filter))));
    }
    Map.Entry<?, ?> e = filter.entrySet().iterator().next();
    String keyword = (String) e.getKey();
    Object operand = e.getValue();
    String path = join(prefix, keyword);
    switch (keyword) {
      case "equals":
        return equalsNode(path, operand);
      case "in":
        return inNode(path, operand);
      case "ids":
        return idsNode(path, operand);
      case "exists":
        return existsNode(path, operand);
      case "missing":
        return new Node.Not(existsNode(path, operand));
      case "range":
        return rangeNode(path, operand);
      case "regexp":
        return regexpNode(path, operand);
      case "geoBoundingBox":
        return geoBoundingBoxNode(path, operand);
      case "geoDistance":
        return geoDistanceNode(path, operand);
      case "geoDistanceRange":
        return geoDistanceRangeNode(path, operand);
      case "geoPolygon":
        return geoPolygonNode(path, operand);
      case "match":
        return matchNode(path, operand);
      case "select":
        return selectNode(path, operand);
      case "nothing":
        return new Node.Const(false);
      case "and":
        return new Node.And(filterList(path, operand));
      case "or":
        return new Node.Or(filterList(path, operand));
      case "not":
        return notNode(path, operand);
      case "bool":
        return boolNode(path, operand);
      default:
        throw fail(path, "unknown keyword");
    }
  }

  // ---- leaf keywords -------------------------------------------------------------------------

  private Node equalsNode(String path, Object operand) {
    Map.Entry<String, Object> field = singleField(path, operand);
    Object value = field.getValue();
    String valuePath = join(path, field.getKey());
    requireScalar(valuePath, value, "must either be a string, a number, a boolean, or null");
    conditions++;
    return new Node.Leaf(EqualsSpec.of(field.getKey(), java.util.Collections.singletonList(nullSafe(value))));
  }

  private Node inNode(String path, Object operand) {
    Map.Entry<String, Object> field = singleField(path, operand);
    String valuePath = join(path, field.getKey());
    List<Object> values = nonEmptyList(valuePath, field.getValue());
    for (Object v : values) {
      requireScalar(valuePath, v, "must hold only scalar values (strings, numbers, booleans or null)");
    }
    conditions += values.size();
    return new Node.Leaf(EqualsSpec.of(field.getKey(), nullSafeList(values)));
  }

  private Node idsNode(String path, Object operand) {
    Map<?, ?> m = requireObject(path, operand);
    if (m.size() != 1) {
      throw fail(path, "expected object to have exactly 1 property, got " + m.size());
    }
    if (!m.containsKey("values")) {
      throw fail(path, "the property \"values\" is missing");
    }
    String valuesPath = join(path, "values");
    List<Object> values = nonEmptyList(valuesPath, m.get("values"));
    for (Object v : values) {
      if (!(v instanceof String)) {
        throw fail(valuesPath, "must hold only values of type \"string\"");
      }
    }
    conditions += values.size();
    return new Node.Leaf(EqualsSpec.of("_id", values));
  }

  private Node existsNode(String path, Object operand) {
    String field;
    if (operand instanceof String) {
      field = (String) operand;
      if (field.isEmpty()) {
        throw fail(path, "cannot test empty field name");
      }
    } else if (operand instanceof Map) {
      // The deprecated {field: "name"} form.
      Map<?, ?> m = (Map<?, ?>) operand;
      if (m.size() != 1) {
        throw fail(path, "expected object to have exactly 1 property, got " + m.size());
      }
      if (!m.containsKey("field")) {
        throw fail(path, "the property \"field\" is missing");
      }
      Object f = m.get("field");
      if (!(f instanceof String)) {
        throw fail(join(path, "field"), "must be a string");
      }
      field = (String) f;
      if (field.isEmpty()) {
        throw fail(join(path, "field"), "cannot be empty");
      }
    } else {
      throw fail(path, "must be an object");
    }
    conditions++;
    Matcher m = ARRAY_VALUE.matcher(field);
    if (m.matches()) {
      String arrayPath = m.group(1);
      String raw = m.group(2);
      Object value;
      try {
        value = new JsonReader(limits.maxDepth(), true).read(raw);
      } catch (JsonException e) {
        throw fail(path, "contains an invalid array value (\"" + raw + "\")");
      }
      if (!Values.isScalar(value)) {
        // Koncorde accepts objects and arrays here, and they never match.
        return new Node.Const(false);
      }
      return new Node.Leaf(new ArrayContainsSpec(arrayPath, value));
    }
    return new Node.Leaf(new ExistsSpec(field.replace("\\[", "[")));
  }

  private Node rangeNode(String path, Object operand) {
    Map.Entry<String, Object> field = singleField(path, operand);
    String boundsPath = join(path, field.getKey());
    if (!(field.getValue() instanceof Map)) {
      throw fail(boundsPath, "must be an object");
    }
    Map<?, ?> bounds = (Map<?, ?>) field.getValue();
    if (bounds.isEmpty()) {
      throw fail(boundsPath, "must be a non-empty object");
    }
    Number lo = null;
    Number hi = null;
    boolean loInclusive = false;
    boolean hiInclusive = false;
    int lower = 0;
    int upper = 0;
    for (Map.Entry<?, ?> b : bounds.entrySet()) {
      String op = (String) b.getKey();
      if (!op.equals("gt") && !op.equals("gte") && !op.equals("lt") && !op.equals("lte")) {
        throw fail(boundsPath, quote(op) + " is not an allowed attribute (allowed: gt,gte,lt,lte)");
      }
      Object v = b.getValue();
      if (!(v instanceof Number) || Double.isNaN(((Number) v).doubleValue())) {
        throw fail(join(boundsPath, op), "must be a number");
      }
      if (op.startsWith("g")) {
        lower++;
        lo = (Number) v;
        loInclusive = op.equals("gte");
      } else {
        upper++;
        hi = (Number) v;
        hiInclusive = op.equals("lte");
      }
    }
    if (lower > 1) {
      throw fail(boundsPath, "only 1 lower boundary allowed");
    }
    if (upper > 1) {
      throw fail(boundsPath, "only 1 upper boundary allowed");
    }
    RangeSpec spec = new RangeSpec(field.getKey(), lo, loInclusive, hi, hiInclusive);
    if (spec.isEmpty()) {
      throw fail(boundsPath,
          "lower boundary must be below the upper one (or equal to it when both are inclusive)");
    }
    conditions++;
    return new Node.Leaf(spec);
  }

  private Node regexpNode(String path, Object operand) {
    Map.Entry<String, Object> field = singleField(path, operand);
    String fieldPath = join(path, field.getKey());
    Object v = field.getValue();
    String source;
    String flags = null;
    if (v instanceof String) {
      source = (String) v;
    } else if (v instanceof Map && !((Map<?, ?>) v).isEmpty()) {
      Map<?, ?> m = (Map<?, ?>) v;
      for (Object k : m.keySet()) {
        if (!k.equals("value") && !k.equals("flags")) {
          throw fail(fieldPath, quote((String) k) + " is not an allowed attribute (allowed: flags,value)");
        }
      }
      if (!m.containsKey("value")) {
        throw fail(fieldPath, "the property \"value\" is missing");
      }
      if (!(m.get("value") instanceof String)) {
        throw fail(fieldPath, "the property \"value\" must be a string");
      }
      source = (String) m.get("value");
      if (m.containsKey("flags")) {
        if (!(m.get("flags") instanceof String)) {
          throw fail(join(fieldPath, "flags"), "must be a string");
        }
        flags = (String) m.get("flags");
      }
    } else {
      throw fail(fieldPath, "must be either a string or a non-empty object");
    }
    RegexpPattern pattern;
    try {
      pattern = RegexpPattern.compile(source, flags, limits.maxRegexpLength());
    } catch (IllegalArgumentException e) {
      throw fail(fieldPath, "cannot parse regexp expression \"/" + source + "/" + (flags == null ? "" : flags)
          + "\" (" + e.getMessage() + ")");
    }
    conditions++;
    return new Node.Leaf(new RegexpSpec(field.getKey(), pattern));
  }

  private Node geoBoundingBoxNode(String path, Object operand) {
    Map.Entry<String, Object> field = singleField(path, operand);
    String fieldPath = join(path, field.getKey());
    GeoShape box;
    try {
      box = GeoShape.box(field.getValue());
    } catch (IllegalArgumentException e) {
      throw fail(fieldPath, e.getMessage());
    }
    conditions++;
    return new Node.Leaf(new GeoSpec(field.getKey(), box));
  }

  private Node geoDistanceNode(String path, Object operand) {
    Map<?, ?> m = requireObject(path, operand);
    if (m.size() != 2) {
      throw fail(path, "expected object to have exactly 2 properties, got " + m.size());
    }
    if (!m.containsKey("distance")) {
      throw fail(path, "the property \"distance\" is missing");
    }
    String field = otherKey(m, "distance");
    GeoPoint centre = centre(join(path, field), m.get(field));
    double meters = distance(join(path, "distance"), m.get("distance"));
    conditions++;
    return new Node.Leaf(new GeoSpec(field, GeoShape.circle(centre, meters)));
  }

  private Node geoDistanceRangeNode(String path, Object operand) {
    Map<?, ?> m = requireObject(path, operand);
    if (m.size() != 3) {
      throw fail(path, "expected object to have exactly 3 properties, got " + m.size());
    }
    for (String required : new String[] {"from", "to"}) {
      if (!m.containsKey(required)) {
        throw fail(path, "the property \"" + required + "\" is missing");
      }
    }
    String field = otherKey(m, "from", "to");
    GeoPoint centre = centre(join(path, field), m.get(field));
    double from = distance(join(path, "from"), m.get("from"));
    double to = distance(join(path, "to"), m.get("to"));
    GeoShape shape;
    try {
      shape = GeoShape.annulus(centre, from, to);
    } catch (IllegalArgumentException e) {
      throw fail(path, e.getMessage());
    }
    conditions++;
    return new Node.Leaf(new GeoSpec(field, shape));
  }

  private Node geoPolygonNode(String path, Object operand) {
    Map.Entry<String, Object> field = singleField(path, operand);
    String fieldPath = join(path, field.getKey());
    if (!(field.getValue() instanceof Map)) {
      throw fail(fieldPath, "must be an object");
    }
    Map<?, ?> m = (Map<?, ?>) field.getValue();
    if (m.size() != 1) {
      throw fail(fieldPath, "expected object to have exactly 1 property, got " + m.size());
    }
    if (!m.containsKey("points")) {
      throw fail(fieldPath, "the property \"points\" is missing");
    }
    String pointsPath = join(fieldPath, "points");
    List<Object> raw = Values.asList(m.get("points"));
    if (raw == null) {
      throw fail(pointsPath, "must be an array");
    }
    if (raw.size() < 3) {
      throw fail(pointsPath, "at least 3 points are required to build a polygon");
    }
    List<GeoPoint> points = new ArrayList<>(raw.size());
    for (Object p : raw) {
      GeoPoint gp = GeoPoints.parse(p);
      if (gp == null) {
        throw fail(pointsPath, "unrecognized point format " + quote(Canonical.value(p)));
      }
      points.add(gp);
    }
    GeoShape shape;
    try {
      shape = GeoShape.polygon(points);
    } catch (IllegalArgumentException e) {
      throw fail(pointsPath, e.getMessage());
    }
    conditions++;
    return new Node.Leaf(new GeoSpec(field.getKey(), shape));
  }

  private Node matchNode(String path, Object operand) {
    if (!(operand instanceof Map)) {
      throw fail(path, "must be an object");
    }
    Map<?, ?> m = (Map<?, ?>) operand;
    if (m.isEmpty()) {
      throw fail(path, "must be a non-empty object");
    }
    List<Node> parts = new ArrayList<>(m.size());
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String field = (String) e.getKey();
      Object template = e.getValue();
      if (Values.isScalar(template)) {
        requireScalar(join(path, field), template, "must either be a string, a number, a boolean, or null");
        parts.add(new Node.Leaf(EqualsSpec.of(field, java.util.Collections.singletonList(nullSafe(template)))));
      } else {
        requireFinite(join(path, field), template);
        parts.add(new Node.Leaf(new MatchSpec(field, template)));
      }
      conditions++;
    }
    return parts.size() == 1 ? parts.get(0) : new Node.And(parts);
  }

  private Node selectNode(String path, Object operand) {
    Map<?, ?> m = requireObject(path, operand);
    if (m.size() != 3) {
      throw fail(path, "expected object to have exactly 3 properties, got " + m.size());
    }
    for (String required : new String[] {"field", "index", "query"}) {
      if (!m.containsKey(required)) {
        throw fail(path, "the property \"" + required + "\" is missing");
      }
    }
    Object field = m.get("field");
    if (!(field instanceof String)) {
      throw fail(join(path, "field"), "must be a string");
    }
    if (((String) field).isEmpty()) {
      throw fail(join(path, "field"), "cannot be empty");
    }
    Object index = m.get("index");
    if (!(index instanceof Number)) {
      throw fail(join(path, "index"), "must be an integer");
    }
    if (!(index instanceof Long)) {
      throw fail(join(path, "index"), "cannot have decimals, must be an integer");
    }
    long idx = (Long) index;
    if (idx < Integer.MIN_VALUE || idx > Integer.MAX_VALUE) {
      throw fail(join(path, "index"), "is out of range");
    }
    Object query = m.get("query");
    if (!(query instanceof Map) || ((Map<?, ?>) query).isEmpty()) {
      throw fail(join(path, "query"), "must be a non-empty object");
    }
    Node inner = parse((Map<?, ?>) query, join(path, "query"));
    NormalizedFilter normalized = new Normalizer(limits.maxConjunctions()).normalize(inner, 0);
    conditions++;
    return new Node.Leaf(new SelectSpec((String) field, (int) idx, normalized));
  }

  // ---- boolean keywords ----------------------------------------------------------------------

  private List<Node> filterList(String path, Object operand) {
    List<Object> items = Values.asList(operand);
    if (items == null) {
      throw fail(path, "must be an array");
    }
    if (items.isEmpty()) {
      throw fail(path, "cannot be empty");
    }
    List<Node> nodes = new ArrayList<>(items.size());
    for (Object item : items) {
      if (!(item instanceof Map) || ((Map<?, ?>) item).isEmpty()) {
        throw fail(path, "can only contain non-empty objects");
      }
      nodes.add(parse((Map<?, ?>) item, path));
    }
    return nodes;
  }

  private Node notNode(String path, Object operand) {
    Map<?, ?> m = requireObject(path, operand);
    if (m.size() != 1) {
      throw fail(path, "expected object to have exactly 1 property, got " + m.size());
    }
    return new Node.Not(parse(m, path));
  }

  private Node boolNode(String path, Object operand) {
    if (!(operand instanceof Map) || ((Map<?, ?>) operand).isEmpty()) {
      throw fail(path, "must be a non-empty object");
    }
    Map<?, ?> m = (Map<?, ?>) operand;
    for (Object k : m.keySet()) {
      if (!k.equals("must") && !k.equals("must_not") && !k.equals("should") && !k.equals("should_not")) {
        throw fail(path, quote((String) k) + " is not an allowed attribute (allowed: must,must_not,should,should_not)");
      }
    }
    // Koncorde's rewrite: and[...must, not(or(must_not)), or(should), not(and(should_not))].
    String and = join(path, "and");
    List<Node> parts = new ArrayList<>();
    if (m.containsKey("must")) {
      parts.addAll(filterList(and, clause(m.get("must"))));
    }
    if (m.containsKey("must_not")) {
      parts.add(new Node.Not(new Node.Or(filterList(join(and, "not.or"), clause(m.get("must_not"))))));
    }
    if (m.containsKey("should")) {
      parts.add(new Node.Or(filterList(join(and, "or"), clause(m.get("should")))));
    }
    if (m.containsKey("should_not")) {
      parts.add(new Node.Not(new Node.And(filterList(join(and, "not.and"), clause(m.get("should_not"))))));
    }
    return new Node.And(parts);
  }

  /** A bool clause may be a single filter instead of an array of them. */
  private static Object clause(Object value) {
    return value instanceof Map ? List.of(value) : value;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private GeoPoint centre(String path, Object value) {
    GeoPoint p = GeoPoints.parse(value);
    if (p == null) {
      throw fail(path, "unrecognized point format");
    }
    return p;
  }

  private double distance(String path, Object value) {
    try {
      return Distances.parseMeters(value);
    } catch (IllegalArgumentException e) {
      throw fail(path, e.getMessage());
    }
  }

  private static String otherKey(Map<?, ?> m, String... known) {
    outer:
    for (Object k : m.keySet()) {
      for (String s : known) {
        if (s.equals(k)) {
          continue outer;
        }
      }
      return (String) k;
    }
    throw new IllegalStateException("no field key");
  }

  @SuppressWarnings("unchecked")
  private Map.Entry<String, Object> singleField(String path, Object operand) {
    Map<?, ?> m = requireObject(path, operand);
    if (m.size() != 1) {
      throw fail(path, "expected object to have exactly 1 property, got " + m.size());
    }
    return (Map.Entry<String, Object>) m.entrySet().iterator().next();
  }

  private Map<?, ?> requireObject(String path, Object operand) {
    if (!(operand instanceof Map)) {
      throw fail(path, "must be an object");
    }
    return (Map<?, ?>) operand;
  }

  private List<Object> nonEmptyList(String path, Object value) {
    List<Object> list = Values.asList(value);
    if (list == null) {
      throw fail(path, "must be an array");
    }
    if (list.isEmpty()) {
      throw fail(path, "cannot be empty");
    }
    return list;
  }

  private void requireScalar(String path, Object value, String message) {
    if (!Values.isScalar(value)) {
      throw fail(path, message);
    }
    requireFinite(path, value);
  }

  /** Rejects NaN and infinities anywhere in a value (possible only in filters given as Java maps). */
  private void requireFinite(String path, Object value) {
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw fail(path, "must be a finite number");
      }
    } else if (value instanceof Map) {
      for (Object v : ((Map<?, ?>) value).values()) {
        requireFinite(path, v);
      }
    } else if (Values.asList(value) != null) {
      for (Object v : Values.asList(value)) {
        requireFinite(path, v);
      }
    }
  }

  private static Object nullSafe(Object v) {
    return Values.canonicalScalar(v);
  }

  private static List<Object> nullSafeList(List<Object> values) {
    List<Object> out = new ArrayList<>(values.size());
    for (Object v : values) {
      out.add(Values.canonicalScalar(v));
    }
    return out;
  }

  static FilterException fail(String path, String message) {
    return new FilterException(FilterException.Reason.INVALID, path, quote(path) + ": " + message);
  }

  static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static String join(String prefix, String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  private static List<String> keys(Map<?, ?> m) {
    List<String> out = new ArrayList<>();
    for (Iterator<?> it = m.keySet().iterator(); it.hasNext(); ) {
      out.add(String.valueOf(it.next()));
    }
    return out;
  }

  private static String describe(Object v) {
    return Values.type(v) == Values.ARRAY ? "an array" : "a " + dev.herald.internal.json.JsonTrees.jsonType(v);
  }
}
