package dev.herald.internal.match;

import dev.herald.internal.geo.GeoIndex;
import dev.herald.internal.range.RangeIndex;
import dev.herald.internal.regex.RegexpIndex;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One field path some condition reads ("a.b"), with the per-operator indexes of the conditions that
 * give access to conjunctions through it. A document is flattened by walking {@link #children} from
 * the root: a child is reached by one key of the document, which may itself contain dots, so
 * {@code {"a":{"b":1}}} and {@code {"a.b":1}} both reach the node "a.b" without building a string.
 *
 * <p>Index fields are written by the partition's writer and read by matching threads without locks.
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
  final ConcurrentHashMap<String, PathNode> children = new ConcurrentHashMap<>(2);
  int refs; // writer only: interned paths going through this node

  // Indexes: null until first used.
  volatile ConcurrentHashMap<Object, Members> equals;
  volatile ConcurrentHashMap<Object, Members> elements;
  final Members exists = new Members();
  final Members scan = new Members();
  volatile RangeIndex<Condition> ranges;
  volatile RegexpIndex<Condition> regexps;
  volatile GeoIndex<Condition> geo;
  volatile SelectIndex select;
  /** Whether any index holds something: the matcher probes only such nodes. */
  volatile boolean probed;

  PathNode(String path, int id) {
    this.path = path;
    this.id = id;
  }

  static Object key(Object canonicalScalar) {
    return canonicalScalar == null ? NULL_KEY : canonicalScalar;
  }

  ConcurrentHashMap<Object, Members> equalsMap() {
    ConcurrentHashMap<Object, Members> m = equals;
    if (m == null) {
      m = new ConcurrentHashMap<>(4);
      equals = m;
    }
    return m;
  }

  ConcurrentHashMap<Object, Members> elementsMap() {
    ConcurrentHashMap<Object, Members> m = elements;
    if (m == null) {
      m = new ConcurrentHashMap<>(4);
      elements = m;
    }
    return m;
  }

  RangeIndex<Condition> rangeIndex() {
    RangeIndex<Condition> r = ranges;
    if (r == null) {
      r = new RangeIndex<>();
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
    probed = equals != null || elements != null || !exists.isEmpty() || !scan.isEmpty()
        || ranges != null || regexps != null || geo != null || select != null;
  }

  @Override
  public String toString() {
    return path;
  }
}
