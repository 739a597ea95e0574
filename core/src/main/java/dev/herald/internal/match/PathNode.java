package dev.herald.internal.match;

import dev.herald.internal.geo.GeoIndex;
import dev.herald.internal.range.RangeIndex;
import dev.herald.internal.regex.RegexpIndex;

/**
 * One field path some condition reads ("a.b"), with the per-operator indexes of the conditions that
 * give access to conjunctions through it. A document is flattened by walking {@link #children} from
 * the root: a child is reached by one key of the document, which may itself contain dots, so
 * {@code {"a":{"b":1}}} and {@code {"a.b":1}} both reach the node "a.b" without building a string.
 *
 * <p>Index fields are written by the partition's writer and read by matching threads without locks;
 * each is null until used. A key of {@link #equals} or {@link #elements} maps to one
 * {@link Condition}, or to a {@link KeyPosting} when several conditions share the key; so does
 * {@link #exists}.
 */
final class PathNode {
  /** Key for JSON null in value maps (which cannot hold null keys). */
  static final Object NULL_KEY = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  final String path;
  final int id;
  /**
   * Whether the path has a dot: a document can then reach the node by more than one split of it
   * ({@code {"a": {"b": 1}, "a.b": 2}}), and only the last value the walk meets counts.
   */
  final boolean dotted;
  volatile OpenMap<String, PathNode> children;
  int refs; // writer only: interned paths going through this node

  volatile OpenMap<Object, Object> equals;
  volatile OpenMap<Object, Object> elements;
  /** The exists conditions filed here: one {@link Condition}, or a {@link KeyPosting}. */
  volatile Object exists;
  volatile Members scan;
  volatile RangeIndex<Condition> ranges;
  volatile RegexpIndex<Condition> regexps;
  volatile GeoIndex<Condition> geo;
  volatile SelectIndex select;
  /** Whether any index holds something: the matcher probes only such nodes. */
  volatile boolean probed;

  PathNode(String path, int id) {
    this.path = path;
    this.id = id;
    this.dotted = path.indexOf('.') >= 0;
  }

  static Object key(Object canonicalScalar) {
    return canonicalScalar == null ? NULL_KEY : canonicalScalar;
  }

  OpenMap<String, PathNode> childrenMap() {
    OpenMap<String, PathNode> c = children;
    if (c == null) {
      c = new OpenMap<>();
      children = c;
    }
    return c;
  }

  OpenMap<Object, Object> equalsMap() {
    OpenMap<Object, Object> m = equals;
    if (m == null) {
      m = new OpenMap<>();
      equals = m;
    }
    return m;
  }

  OpenMap<Object, Object> elementsMap() {
    OpenMap<Object, Object> m = elements;
    if (m == null) {
      m = new OpenMap<>();
      elements = m;
    }
    return m;
  }

  Members scanList() {
    Members m = scan;
    if (m == null) {
      m = new Members();
      scan = m;
    }
    return m;
  }

  RangeIndex<Condition> rangeIndex() {
    RangeIndex<Condition> r = ranges;
    if (r == null) {
      r = new RangeIndex<>(c -> c.directId);
      ranges = r;
    }
    return r;
  }

  RegexpIndex<Condition> regexpIndex() {
    RegexpIndex<Condition> r = regexps;
    if (r == null) {
      r = new RegexpIndex<>();
      regexps = r;
    }
    return r;
  }

  GeoIndex<Condition> geoIndex() {
    GeoIndex<Condition> g = geo;
    if (g == null) {
      g = new GeoIndex<>();
      geo = g;
    }
    return g;
  }

  /** Recomputes {@link #probed} and drops empty indexes; writer only. */
  void refresh() {
    if (equals != null && equals.isEmpty()) {
      equals = null;
    }
    if (elements != null && elements.isEmpty()) {
      elements = null;
    }

    if (scan != null && scan.isEmpty()) {
      scan = null;
    }
    if (ranges != null && ranges.size() == 0) {
      ranges = null;
    }
    if (regexps != null && regexps.isEmpty()) {
      regexps = null;
    }
    if (geo != null && geo.isEmpty()) {
      geo = null;
    }
    if (select != null && select.isEmpty()) {
      select = null;
    }
    probed = equals != null || elements != null || exists != null || scan != null || ranges != null
        || regexps != null || geo != null || select != null;
  }

  @Override
  public String toString() {
    return path;
  }
}
