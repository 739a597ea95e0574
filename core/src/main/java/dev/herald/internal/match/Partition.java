package dev.herald.internal.match;

import dev.herald.internal.filter.ArrayContainsSpec;
import dev.herald.internal.filter.ConditionSpec;
import dev.herald.internal.filter.EqualsSpec;
import dev.herald.internal.filter.GeoSpec;
import dev.herald.internal.filter.Literal;
import dev.herald.internal.filter.MatchSpec;
import dev.herald.internal.filter.NormalizedFilter;
import dev.herald.internal.filter.RangeSpec;
import dev.herald.internal.filter.RegexpSpec;
import dev.herald.internal.filter.Values;
import dev.herald.internal.json.JsonList;
import dev.herald.internal.json.JsonMap;
import dev.herald.internal.json.Numbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The filters of one index: their distinct conditions filed in per-path, per-operator indexes, their
 * distinct conjunctions, and the matcher that runs a document through them.
 *
 * <p>Matching (access predicate plus verification): the document is flattened into the thread's
 * {@link Scratch} by walking the path trie; each present path with indexed conditions is probed once
 * per operator (one hash lookup for equals, one stab for ranges, prefiltered regexps, a grid cell for
 * geo...); each condition found that way gives access to the conjunctions that chose it, which are
 * verified on their other literals; conjunctions with no positive literal are verified for every
 * document. The cost is the document's indexed fields, plus the conjunctions reached, plus the output.
 *
 * <p>Concurrency: writers serialize on {@link #lock} and end with a write of {@link #version};
 * readers take no lock, read {@code version} first, and so see every completed registration and
 * removal; a concurrent one is seen entirely or not at all for each conjunction.
 */
final class Partition {
  final String name;
  final MatchEngine engine;
  final ReentrantLock lock;
  private final Partition root; // the partition whose version publishes this one's writes
  private volatile long version;
  boolean dead; // writer only: removed from the engine, a writer must take a fresh one

  final PathTrie trie;
  private final Map<ConditionSpec, Condition> conditions = new HashMap<>();
  private final Map<Conjunction, Conjunction> conjunctions = new HashMap<>();
  private final ConcurrentHashMap<String, FilterRecord> filters = new ConcurrentHashMap<>();
  private final Members alwaysCandidates = new Members();

  Partition(String name, MatchEngine engine) {
    this(name, engine, null);
  }

  private Partition(String name, MatchEngine engine, Partition parent) {
    this.name = name;
    this.engine = engine;
    this.root = parent == null ? this : parent.root;
    this.lock = parent == null ? new ReentrantLock() : parent.lock;
    this.trie = new PathTrie(engine.nodeIds);
  }

  /** A partition for select queries, sharing this one's lock and publication. */
  Partition nested() {
    return new Partition(name, engine, this);
  }

  // ---- registration --------------------------------------------------------------------------

  /** Registers a filter (or counts one more registration of it). Caller holds {@link #lock}. */
  FilterRecord registerLocked(NormalizedFilter filter) {
    FilterRecord rec = filters.get(filter.id());
    if (rec != null) {
      rec.refs++;
      return rec;
    }
    Literal[][] dnf = filter.conjunctions();
    Conjunction[] cs = new Conjunction[dnf.length];
    for (int i = 0; i < dnf.length; i++) {
      cs[i] = acquireConjunction(dnf[i]);
    }
    rec = new FilterRecord(filter.id(), cs, engine.filterSlots.allocate());
    rec.refs = 1;
    for (Conjunction c : cs) {
      c.filters.add(rec);
    }
    filters.put(filter.id(), rec);
    if (root == this) {
      engine.filterCount.increment();
    }
    publish();
    return rec;
  }

  /** Removes one registration; true if the filter was registered. Caller holds {@link #lock}. */
  boolean removeLocked(String id) {
    FilterRecord rec = filters.get(id);
    if (rec == null) {
      return false;
    }
    if (--rec.refs > 0) {
      return true;
    }
    filters.remove(id);
    rec.dead = true;
    for (Conjunction c : rec.conjunctions) {
      c.filters.removedDead();
      releaseConjunction(c);
    }
    engine.filterSlots.release(rec.slot);
    if (root == this) {
      engine.filterCount.decrement();
    }
    publish();
    return true;
  }

  boolean isEmpty() {
    return filters.isEmpty();
  }

  FilterRecord record(String id) {
    return filters.get(id);
  }

  Iterable<String> ids() {
    return filters.keySet();
  }

  int filterCount() {
    return filters.size();
  }

  /** Conjunctions, conditions and paths held; caller holds {@link #lock}. */
  long[] sizesLocked() {
    return new long[] {conjunctions.size(), conditions.size(), trie.size()};
  }

  private void publish() {
    root.version++;
  }

  private Conjunction acquireConjunction(Literal[] literals) {
    Condition[] conds = new Condition[literals.length];
    boolean[] positive = new boolean[literals.length];
    for (int i = 0; i < literals.length; i++) {
      conds[i] = acquireCondition(literals[i].spec());
      positive[i] = literals[i].positive();
    }
    Conjunction probe = new Conjunction(conds, positive, null);
    Conjunction existing = conjunctions.get(probe);
    if (existing != null) {
      existing.refs++;
      for (Condition c : conds) {
        releaseCondition(c);
      }
      return existing;
    }
    Condition access = chooseAccess(conds, positive);
    Conjunction conj = new Conjunction(conds, positive, access);
    conj.refs = 1;
    conjunctions.put(conj, conj);
    engine.conjunctionCount.increment();
    if (access == null) {
      alwaysCandidates.add(conj);
    } else {
      if (access.accessRefs++ == 0) {
        file(access);
      }
      access.accessors.add(conj);
    }
    return conj;
  }

  private void releaseConjunction(Conjunction conj) {
    if (--conj.refs > 0) {
      return;
    }
    conj.dead = true;
    conjunctions.remove(conj);
    engine.conjunctionCount.decrement();
    Condition access = conj.access;
    if (access == null) {
      alwaysCandidates.removedDead();
    } else {
      access.accessors.removedDead();
      if (--access.accessRefs == 0) {
        unfile(access);
      }
    }
    for (Condition c : conj.conditions) {
      releaseCondition(c);
    }
  }

  private Condition acquireCondition(ConditionSpec spec) {
    Condition c = conditions.get(spec);
    if (c == null) {
      c = new Condition(spec, trie.intern(spec.path()), engine.conditionSlots.allocate());
      conditions.put(spec, c);
      engine.conditionCount.increment();
    }
    c.literalRefs++;
    return c;
  }

  private void releaseCondition(Condition c) {
    if (--c.literalRefs > 0) {
      return;
    }
    c.dead = true;
    conditions.remove(c.spec);
    trie.release(c.spec.path());
    engine.conditionSlots.release(c.slot);
    engine.conditionCount.decrement();
  }

  /**
   * Picks the positive literal most likely to be selective: an equality first, then array
   * membership, ranges, geo, match, select, regexps, existence; among equals, the one giving access
   * to the fewest conjunctions so far. Null when there is no positive literal.
   */
  private static Condition chooseAccess(Condition[] conds, boolean[] positive) {
    Condition best = null;
    long bestScore = Long.MAX_VALUE;
    for (int i = 0; i < conds.length; i++) {
      if (!positive[i]) {
        continue;
      }
      long score = (long) rank(conds[i].spec) * 4 + conds[i].accessRefs;
      if (score < bestScore) {
        best = conds[i];
        bestScore = score;
      }
    }
    return best;
  }

  private static int rank(ConditionSpec spec) {
    switch (spec.kind()) {
      case EQUALS:
        return 0;
      case ARRAY_CONTAINS:
        return 1;
      case RANGE:
        return 2;
      case GEO:
      case MATCH:
        return 3;
      case SELECT:
        return 4;
      case REGEXP:
        return 5;
      default:
        return 6;
    }
  }

  /** Files a condition in the index of its kind, so it gives access to its conjunctions. */
  private void file(Condition c) {
    Condition.Access a = accessFor(c);
    c.access = a;
    PathNode n = a.node;
    switch (a.index) {
      case EQUALS:
        for (Object k : a.keys) {
          n.equalsMap().computeIfAbsent(k, x -> new Members()).add(c);
        }
        break;
      case ELEMENTS:
        for (Object k : a.keys) {
          n.elementsMap().computeIfAbsent(k, x -> new Members()).add(c);
        }
        break;
      case EXISTS:
        n.exists.add(c);
        break;
      case RANGE:
        RangeSpec r = (RangeSpec) c.spec;
        n.rangeIndex().add(c, r.lowKey(), r.highKey());
        break;
      case REGEXP:
        n.regexpIndex().add(c, ((RegexpSpec) c.spec).pattern());
        break;
      case GEO:
        n.geoIndex().add(c, ((GeoSpec) c.spec).shape());
        break;
      case SELECT:
        if (n.select == null) {
          n.select = new SelectIndex();
        }
        n.select.add(c, this);
        break;
      default:
        n.scan.add(c);
    }
    n.refresh();
  }

  private void unfile(Condition c) {
    Condition.Access a = c.access;
    c.access = null;
    PathNode n = a.node;
    switch (a.index) {
      case EQUALS:
        removeKeys(n.equals, a.keys, c);
        break;
      case ELEMENTS:
        removeKeys(n.elements, a.keys, c);
        break;
      case EXISTS:
        n.exists.remove(c);
        break;
      case RANGE:
        RangeSpec r = (RangeSpec) c.spec;
        n.ranges.remove(c, r.lowKey(), r.highKey());
        break;
      case REGEXP:
        n.regexps.remove(c, ((RegexpSpec) c.spec).pattern());
        break;
      case GEO:
        n.geo.remove(c, ((GeoSpec) c.spec).shape());
        break;
      case SELECT:
        n.select.remove(c);
        break;
      default:
        n.scan.remove(c);
    }
    n.refresh();
    if (a.internedPath != null) {
      trie.release(a.internedPath);
    }
  }

  private static void removeKeys(Map<Object, Members> map, Object[] keys, Condition c) {
    for (Object k : keys) {
      Members m = map.get(k);
      if (m != null) {
        m.remove(c);
        if (m.isEmpty()) {
          map.remove(k, m);
        }
      }
    }
  }

  private Condition.Access accessFor(Condition c) {
    ConditionSpec spec = c.spec;
    switch (spec.kind()) {
      case EQUALS: {
        Object[] values = ((EqualsSpec) spec).values();
        Object[] keys = new Object[values.length];
        for (int i = 0; i < keys.length; i++) {
          keys[i] = PathNode.key(values[i]);
        }
        return new Condition.Access(Condition.Access.Index.EQUALS, c.node, keys, null);
      }
      case ARRAY_CONTAINS:
        return new Condition.Access(Condition.Access.Index.ELEMENTS, c.node,
            new Object[] {PathNode.key(((ArrayContainsSpec) spec).element())}, null);
      case EXISTS:
        return new Condition.Access(Condition.Access.Index.EXISTS, c.node, null, null);
      case RANGE:
        return new Condition.Access(Condition.Access.Index.RANGE, c.node, null, null);
      case REGEXP:
        return new Condition.Access(Condition.Access.Index.REGEXP, c.node, null, null);
      case GEO:
        return new Condition.Access(Condition.Access.Index.GEO, c.node, null, null);
      case SELECT:
        return new Condition.Access(Condition.Access.Index.SELECT, c.node, null, null);
      default:
        return matchAccess(c);
    }
  }

  /**
   * A {@code match} template is filed under one scalar it requires: following object keys from the
   * path down to a scalar (an equality on the deeper path), or to an array holding a scalar (array
   * membership). Hits are candidates, tested on the whole template. A template with no such scalar
   * is tested whenever its path is present.
   */
  private Condition.Access matchAccess(Condition c) {
    Object t = ((MatchSpec) c.spec).template();
    StringBuilder path = new StringBuilder(c.spec.path());
    while (t instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) t;
      Object next = null;
      String key = null;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        // Prefer a scalar at this level; else go down the first container.
        if (Values.isScalar(e.getValue())) {
          String deeper = path + "." + e.getKey();
          PathNode n = trie.intern(deeper);
          return new Condition.Access(Condition.Access.Index.EQUALS, n,
              new Object[] {PathNode.key(Values.canonicalScalar(e.getValue()))}, deeper);
        }
        if (next == null) {
          next = e.getValue();
          key = (String) e.getKey();
        }
      }
      if (next == null) {
        break;
      }
      path.append('.').append(key);
      t = next;
    }
    List<Object> items = Values.asList(t);
    if (items != null) {
      for (Object e : items) {
        if (Values.isScalar(e)) {
          String p = path.toString();
          PathNode n = trie.intern(p);
          return new Condition.Access(Condition.Access.Index.ELEMENTS, n,
              new Object[] {PathNode.key(Values.canonicalScalar(e))}, p);
        }
      }
    }
    return new Condition.Access(Condition.Access.Index.SCAN, c.node, null, null);
  }

  // ---- matching ------------------------------------------------------------------------------

  /**
   * Matches a document (a map) and leaves the matching filters in {@code s.out}. The caller calls
   * {@link Scratch#end()} when done with them.
   */
  void collect(Scratch s, Map<?, ?> document, String documentId) {
    syncWithWriters();
    s.begin();
    s.partition = this;
    walk(s, trie.root, document);
    if (documentId != null) {
      PathNode idNode = trie.root.children.get("_id");
      if (idNode != null) {
        s.set(idNode, documentId);
      }
    }
    run(s);
  }

  /**
   * A volatile read of the version every writer bumps last: everything a completed registration or
   * removal wrote is visible after it. A write still in progress is seen or not, per conjunction.
   */
  private long syncWithWriters() {
    return root.version;
  }

  /** Matches the nested document {@code {"value": element}} (select queries). */
  void collectElement(Scratch s, Object element) {
    syncWithWriters();
    s.begin();
    s.partition = this;
    PathNode n = trie.root.children.get("value");
    if (n != null) {
      setAndDescend(s, n, element);
    }
    run(s);
  }

  private void run(Scratch s) {
    for (int i = 0; i < s.probeCount; i++) {
      probe(s, s.probe[i]);
    }
    for (Object o : alwaysCandidates.items) {
      if (o == null) {
        break;
      }
      if (o != Members.TOMBSTONE) {
        Conjunction c = (Conjunction) o;
        if (!c.dead && c.verify(s)) {
          emit(s, c);
        }
      }
    }
  }

  private void walk(Scratch s, PathNode node, Map<?, ?> object) {
    ConcurrentHashMap<String, PathNode> children = node.children;
    if (children.isEmpty()) {
      return;
    }
    if (object instanceof JsonMap) {
      JsonMap m = (JsonMap) object;
      for (int i = 0, n = m.size(); i < n; i++) {
        PathNode child = children.get(m.keyAt(i));
        if (child != null) {
          setAndDescend(s, child, m.valueAt(i));
        }
      }
    } else {
      for (Map.Entry<?, ?> e : object.entrySet()) {
        Object key = e.getKey();
        if (key instanceof String) {
          PathNode child = children.get(key);
          if (child != null) {
            setAndDescend(s, child, e.getValue());
          }
        }
      }
    }
  }

  private void setAndDescend(Scratch s, PathNode node, Object value) {
    if (value != null && !(value instanceof String) && !(value instanceof Long)
        && !(value instanceof JsonMap) && !(value instanceof JsonList)) {
      value = canonical(value);
    }
    s.set(node, value);
    if (value instanceof Map) {
      walk(s, node, (Map<?, ?>) value);
    }
  }

  /** Scalars in caller-built documents may be any Number or CharSequence: make them canonical. */
  private static Object canonical(Object value) {
    if (value instanceof Number) {
      return Numbers.canonical((Number) value);
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return value.toString();
    }
    return value;
  }

  private void probe(Scratch s, PathNode n) {
    Object value = s.value(n);
    if (!n.exists.isEmpty()) {
      hitAll(s, n.exists, true);
    }
    ConcurrentHashMap<Object, Members> eq = n.equals;
    if (eq != null && (value == null || value instanceof String || value instanceof Number
        || value instanceof Boolean)) {
      Members m = eq.get(value == null ? PathNode.NULL_KEY : value);
      if (m != null) {
        hitAll(s, m, false);
      }
    }
    if (value instanceof Number) {
      var ranges = n.ranges;
      if (ranges != null) {
        s.number = (Number) value;
        ranges.stab(Numbers.approximate((Number) value), s.rangeHit);
      }
    } else if (value instanceof String) {
      var regexps = n.regexps;
      if (regexps != null) {
        regexps.query((String) value, s.hit);
      }
    }
    ConcurrentHashMap<Object, Members> elements = n.elements;
    if (elements != null) {
      List<Object> items = Values.asList(value);
      if (items != null) {
        for (int i = 0, size = items.size(); i < size; i++) {
          Object e = items.get(i);
          if (Values.isScalar(e)) {
            Members m = elements.get(PathNode.key(Values.canonicalScalar(e)));
            if (m != null) {
              hitAll(s, m, false);
            }
          }
        }
      }
    }
    var geo = n.geo;
    if (geo != null) {
      var p = s.point(n);
      if (p != null) {
        geo.query(p, s.hit);
      }
    }
    SelectIndex select = n.select;
    if (select != null) {
      select.probe(s, value, this);
    }
    if (!n.scan.isEmpty()) {
      for (Object o : n.scan.items) {
        if (o == null) {
          break;
        }
        if (o != Members.TOMBSTONE && !((Condition) o).dead && ((Condition) o).test(s)) {
          hit(s, (Condition) o);
        }
      }
    }
  }

  private void hitAll(Scratch s, Members conditions, boolean exact) {
    for (Object o : conditions.items) {
      if (o == null) {
        break;
      }
      if (o == Members.TOMBSTONE) {
        continue;
      }
      Condition c = (Condition) o;
      if (!c.dead && (exact || c.exactOnHit || c.test(s))) {
        hit(s, c);
      }
    }
  }

  /** A condition holds for the document: verify the conjunctions it gives access to. */
  void hit(Scratch s, Condition c) {
    if (c.costly) {
      s.remember(c, true);
    }
    for (Object o : c.accessors.items) {
      if (o == null) {
        break;
      }
      Conjunction conj = (Conjunction) o;
      if (!conj.dead && conj.verify(s)) {
        emit(s, conj);
      }
    }
  }

  private static void emit(Scratch s, Conjunction conj) {
    for (Object o : conj.filters.items) {
      if (o == null) {
        break;
      }
      FilterRecord f = (FilterRecord) o;
      if (!f.dead) {
        s.emit(f);
      }
    }
  }

  /** For diagnostics: the ids of the filters. */
  List<String> idList() {
    return new ArrayList<>(filters.keySet());
  }
}
