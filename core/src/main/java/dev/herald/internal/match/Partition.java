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
import dev.herald.internal.range.RangeIndex;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * An index whose every filter is one equality, {@code in}, existence or range (the most common
 * subscriptions) needs neither the flattened document nor verification: it is matched in one pass,
 * each field probed as the walk reaches it ({@link #collectFlat}).
 *
 * <p>The output is read from contiguous memory: a conjunction keeps its filters' ids and slots inline
 * ({@link FilterPosting}), and an index key keeps, in place of each condition that is a whole filter
 * by itself, that filter's id ({@link KeyPosting}). Filter records, scattered over the heap (at a
 * million filters, one cache miss each), are read by matching only for a conjunction of one filter.
 *
 * <p>Concurrency: writers serialize on {@link #lock}; readers take no lock. The structures are
 * built so that a reader never fails on what it meets at any moment (no index out of bounds, no null
 * dereferenced, no endless loop), but a match that overlaps a write may still mix two states (a
 * conjunction registered after the document's paths were walked sees a new path as absent, so a
 * negation on it would hold), or read an inline entry half-written (an id without its slot).
 * {@link #version} is therefore a sequence lock: odd while a write is in progress, bumped again when
 * it ends; a match that saw it odd or changed runs again, and after {@link #OPTIMISTIC_ATTEMPTS} such
 * runs it takes the lock. Every answer is thus the answer of one state of the filters, between two
 * writes.
 */
final class Partition {
  /** Stabs of fragmented range indexes a thread makes before asking for a compaction, at least. */
  static final int COMPACTION_MIN_STABS = 1024;
  /** Lock-free matches tried before one under the lock, when writes keep overlapping them. */
  static final int OPTIMISTIC_ATTEMPTS = 3;
  /** The most top-level fields a one-pass match looks up by key rather than walking the document. */
  private static final int MAX_FLAT_FIELDS = 8;

  final String name;
  final MatchEngine engine;
  final ReentrantLock lock;
  private final Partition root; // the partition whose version publishes this one's writes
  private volatile long version; // of the root: odd while a write is in progress
  private int writeDepth; // of the root, writer only: a select query registers inside its filter
  /** Removed from the engine: writers take a fresh one, readers stop using a remembered one. */
  volatile boolean dead;

  final PathTrie trie;
  private final Registry<Condition> conditions = new Registry<>(c -> c.spec);
  /** Conjunctions of several literals; one of a single literal hangs on it ({@link Condition#alone}). */
  private final Registry<Conjunction> conjunctions = new Registry<>(c -> c);
  private int singleConjunctions;
  private final OpenMap<String, FilterRecord> filters = new OpenMap<>();
  private final Members alwaysCandidates = new Members();
  /** Equality, existence and range conditions with a {@link Condition#directId}; writer only. */
  private int onePassConditions;
  /**
   * Whether every condition is an equality (or {@code in}), an existence or a range that is a whole
   * filter by itself: then a document is matched in one pass, probing each indexed field as the walk
   * reaches it ({@link #collectFlat}). Set by the writer before it publishes the version; readers read
   * it within the sequence lock, like the rest.
   */
  private boolean flat;
  /**
   * While the index is flat and holds only a few top-level fields, their nodes: a document with at
   * least as many fields is then probed by key ({@link #probeFields}) instead of walked. Else null.
   * Written like {@link #flat}.
   */
  private PathNode[] flatFields;
  /**
   * The only one of {@link #flatFields}, when there is one: the most common index of live queries
   * (one field, such as a room or a user id, with many values) reaches it with one load fewer, and
   * matching a one-field document is bound by such chains of dependent loads. Written like {@link
   * #flat}.
   */
  private PathNode soleFlatField;

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
    beginWrite();
    try {
      Literal[][] dnf = filter.conjunctions();
      Conjunction[] cs = new Conjunction[dnf.length];
      for (int i = 0; i < dnf.length; i++) {
        cs[i] = acquireConjunction(dnf[i]);
      }
      rec = FilterRecord.of(filter.id(), cs, engine.filterSlots.allocate());
      rec.refs = 1;
      filters.put(filter.id(), rec); // first: a conjunction compacting its filters finds them by id
      for (int i = 0; i < cs.length; i++) {
        cs[i].addFilter(rec, i, filters);
        updateDirect(cs[i].access);
      }
      if (root == this) {
        engine.filterCount.increment();
      }
      return rec;
    } finally {
      endWrite(); // even after a failure: a version left odd would send every match to the lock
    }
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
    beginWrite();
    try {
      int n = rec.conjunctionCount();
      for (int i = 0; i < n; i++) {
        Condition access = rec.conjunction(i).access;
        if (access != null) {
          setDirect(access, null); // before the filter leaves: a reader emitting it overlapped the removal
        }
      }
      for (int i = 0; i < n; i++) {
        Conjunction c = rec.conjunction(i);
        c.removeFilter(rec, i, filters);
        releaseConjunction(c);
        updateDirect(c.access);
      }
      filters.remove(id, rec); // last: until then, a conjunction compacting its filters finds this one
      engine.filterSlots.release(rec.slot);
      if (root == this) {
        engine.filterCount.decrement();
      }
      return true;
    } finally {
      endWrite();
    }
  }

  boolean isEmpty() {
    return filters.isEmpty();
  }

  FilterRecord record(String id) {
    return filters.get(id);
  }

  Iterable<String> ids() {
    return filters.keys();
  }

  int filterCount() {
    return filters.size();
  }

  /** Conjunctions, conditions and paths held; caller holds {@link #lock}. */
  long[] sizesLocked() {
    return new long[] {conjunctions.size() + singleConjunctions, conditions.size(), trie.size()};
  }

  private void beginWrite() {
    Partition r = root;
    if (r.writeDepth++ == 0) {
      r.version++;
      VarHandle.releaseFence(); // the odd version is visible before any change it announces
    }
  }

  private void endWrite() {
    flat = onePassConditions == conditions.size() && onePassConditions > 0 && alwaysCandidates.isEmpty();
    flatFields = flat ? topLevelFields() : null;
    soleFlatField = flatFields != null && flatFields.length == 1 ? flatFields[0] : null;
    Partition r = root;
    if (--r.writeDepth == 0) {
      r.version++;
    }
  }

  private Conjunction acquireConjunction(Literal[] literals) {
    // Positives first: conditions[i] is positive when i < positives.
    Condition[] conds = new Condition[literals.length];
    int positives = 0;
    for (Literal l : literals) {
      if (l.positive()) {
        conds[positives++] = acquireCondition(l.spec());
      }
    }
    int n = positives;
    for (Literal l : literals) {
      if (!l.positive()) {
        conds[n++] = acquireCondition(l.spec());
      }
    }
    boolean single = conds.length == 1 && positives == 1;
    Conjunction existing = single ? conds[0].alone : conjunctions.get(new Conjunction(conds, positives, null));
    if (existing != null) {
      existing.refs++;
      for (Condition c : conds) {
        releaseCondition(c);
      }
      return existing;
    }
    Condition access = chooseAccess(conds, positives);
    Conjunction conj = single ? Conjunction.single(access) : new Conjunction(conds, positives, access);
    conj.refs = 1;
    if (single) {
      access.alone = conj;
      singleConjunctions++;
    } else {
      conjunctions.add(conj);
    }
    engine.conjunctionCount.increment();
    if (access == null) {
      alwaysCandidates.add(conj);
    } else {
      if (access.accessRefs++ == 0) {
        file(access);
      }
      access.add(conj);
    }
    return conj;
  }

  /**
   * Sets {@link Condition#directId}: the filter a hit of {@code access} can emit at once, when the
   * condition gives access to one conjunction, of itself alone, held by one filter of one conjunction.
   */
  private void updateDirect(Condition access) {
    if (access == null || access.dead) {
      return;
    }
    String direct = null;
    if (access.hitAtMostOnce && access.single() instanceof Conjunction conj && conj.isSingle()) {
      FilterRecord rec = conj.soleFilter(filters);
      if (rec != null && rec.isSingleConjunction()) {
        direct = rec.id;
      }
    }
    setDirect(access, direct);
  }

  /**
   * Changes a condition's direct id, and its copies: under each index key where the condition shares
   * a {@link KeyPosting} with others, the id stands for the condition (only equalities and existences
   * are both filed under such keys and ever direct: array membership and match conditions, filed
   * there too, are not hit at most once); a range index keeps one with the interval.
   */
  private void setDirect(Condition c, String direct) {
    String old = c.directId;
    if (old == direct) {
      return;
    }
    c.directId = direct;
    ConditionSpec.Kind kind = c.spec.kind();
    if (kind == ConditionSpec.Kind.EQUALS || kind == ConditionSpec.Kind.EXISTS || kind == ConditionSpec.Kind.RANGE) {
      onePassConditions += old == null ? 1 : direct == null ? -1 : 0;
    }
    if (c.accessRefs == 0) {
      return; // not filed
    }
    PathNode n = c.node;
    switch (c.spec.kind()) {
      case EQUALS: {
        OpenMap<Object, Object> map = n.equals;
        if (map != null) {
          for (Object v : ((EqualsSpec) c.spec).values()) {
            if (map.get(PathNode.key(v)) instanceof KeyPosting k) {
              k.redirect(c, old, direct);
            }
          }
        }
        break;
      }
      case EXISTS:
        if (n.exists instanceof KeyPosting k) {
          k.redirect(c, old, direct);
        }
        break;
      case RANGE: {
        RangeIndex<Condition> ranges = n.ranges;
        if (ranges != null) {
          RangeSpec range = (RangeSpec) c.spec;
          ranges.setDirect(c, range.lowKey(), range.highKey(), direct);
        }
        break;
      }
      case GEO:
        if (n.geo != null) {
          n.geo.setDirect(c, ((GeoSpec) c.spec).shape(), direct);
        }
        break;
      default:
        break;
    }
  }

  /** The condition a direct id stands for: the access of the only conjunction of that filter. */
  private Condition directCondition(String id) {
    FilterRecord rec = filters.get(id);
    return rec == null ? null : rec.conjunction(0).access;
  }

  private void releaseConjunction(Conjunction conj) {
    if (--conj.refs > 0) {
      return;
    }
    conj.dead = true;
    if (conj.isSingle()) {
      conj.access.alone = null;
      singleConjunctions--;
    } else {
      conjunctions.remove(conj);
    }
    engine.conjunctionCount.decrement();
    Condition access = conj.access;
    if (access == null) {
      alwaysCandidates.removedDead();
    } else {
      access.removedDead();
      if (--access.accessRefs == 0) {
        unfile(access);
      }
    }
    for (Condition c : conj.allConditions()) {
      releaseCondition(c);
    }
  }

  private Condition acquireCondition(ConditionSpec spec) {
    Condition c = conditions.get(spec);
    if (c == null) {
      spec.trim();
      c = new Condition(spec, trie.intern(spec.path()), engine.conditionSlots.allocate());
      conditions.add(c);
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
    conditions.remove(c);
    trie.release(c.spec.path());
    engine.conditionSlots.release(c.slot);
    engine.conditionCount.decrement();
  }

  /**
   * Picks the positive literal most likely to be selective: by kind first (equality, then array
   * membership, ranges, geo, match, select, regexps, existence: how few documents a literal of that
   * kind usually holds for), then the one with the smallest load (how many conjunctions a document
   * holding one of its keys already reaches through them). So {@code and(in tag:[common, x], equals
   * user:u)} is reached through {@code user}, not through a value every such filter shares. Null when
   * there is no positive literal.
   */
  private static Condition chooseAccess(Condition[] conds, int positives) {
    Condition best = null;
    long bestScore = Long.MAX_VALUE;
    for (int i = 0; i < positives; i++) {
      long score = ((long) rank(conds[i].spec) << 40) + load(conds[i]);
      if (score < bestScore) {
        best = conds[i];
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * One per key the condition would be filed under, plus the conditions already filed under those
   * keys and the conjunctions already reached through the condition itself. Writer only; O(keys).
   */
  private static long load(Condition c) {
    PathNode n = c.node;
    long load = c.accessRefs;
    switch (c.spec.kind()) {
      case EQUALS: {
        OpenMap<Object, Object> map = n.equals;
        for (Object v : ((EqualsSpec) c.spec).values()) {
          load += 1 + (map == null ? 0 : slotSize(map.get(PathNode.key(v))));
        }
        return load;
      }
      case ARRAY_CONTAINS: {
        OpenMap<Object, Object> map = n.elements;
        Object key = PathNode.key(((ArrayContainsSpec) c.spec).element());
        return load + 1 + (map == null ? 0 : slotSize(map.get(key)));
      }
      case EXISTS:
        return load + 1 + slotSize(n.exists);
      default:
        return load + 1;
    }
  }

  /** How many conditions an index slot holds: none, one {@link Condition}, or a {@link KeyPosting}. */
  private static int slotSize(Object slot) {
    return slot == null ? 0 : slot instanceof KeyPosting ? ((KeyPosting) slot).conditionCount() : 1;
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
    PathNode n = c.node;
    ConditionSpec spec = c.spec;
    switch (spec.kind()) {
      case EQUALS:
        for (Object v : ((EqualsSpec) spec).values()) {
          addKey(n.equalsMap(), PathNode.key(v), c);
        }
        break;
      case ARRAY_CONTAINS:
        addKey(n.elementsMap(), PathNode.key(((ArrayContainsSpec) spec).element()), c);
        break;
      case EXISTS:
        n.exists = OneOrMany.add(n.exists, c);
        break;
      case RANGE:
        n.rangeIndex().add(c, ((RangeSpec) spec).lowKey(), ((RangeSpec) spec).highKey());
        break;
      case REGEXP:
        n.regexpIndex().add(c, ((RegexpSpec) spec).pattern());
        break;
      case GEO:
        n.geoIndex().add(c, ((GeoSpec) spec).shape(), c.directId);
        break;
      case SELECT:
        if (n.select == null) {
          n.select = new SelectIndex();
        }
        n.select.add(c, this);
        break;
      default:
        fileMatch(c);
        return;
    }
    n.refresh();
  }

  private void unfile(Condition c) {
    PathNode n = c.node;
    ConditionSpec spec = c.spec;
    switch (spec.kind()) {
      case EQUALS:
        for (Object v : ((EqualsSpec) spec).values()) {
          removeKey(n.equals, PathNode.key(v), c);
        }
        break;
      case ARRAY_CONTAINS:
        removeKey(n.elements, PathNode.key(((ArrayContainsSpec) spec).element()), c);
        break;
      case EXISTS:
        n.exists = OneOrMany.remove(n.exists, c, this::directCondition);
        break;
      case RANGE:
        n.ranges.remove(c, ((RangeSpec) spec).lowKey(), ((RangeSpec) spec).highKey());
        break;
      case REGEXP:
        n.regexps.remove(c, ((RegexpSpec) spec).pattern());
        break;
      case GEO:
        n.geo.remove(c, ((GeoSpec) spec).shape());
        break;
      case SELECT:
        n.select.remove(c);
        break;
      default:
        unfileMatch(c);
        return;
    }
    n.refresh();
  }

  /** A key maps to its only condition, or to a {@link KeyPosting} once several share it. */
  private static void addKey(OpenMap<Object, Object> map, Object key, Condition c) {
    Object existing = map.get(key);
    Object next = OneOrMany.add(existing, c);
    if (next != existing) {
      map.put(key, next);
    }
  }

  private void removeKey(OpenMap<Object, Object> map, Object key, Condition c) {
    Object existing = map.get(key);
    Object next = OneOrMany.remove(existing, c, this::directCondition);
    if (next == null) {
      map.remove(key, existing);
    } else if (next != existing) {
      map.put(key, next);
    }
  }

  /** Where a {@code match} condition is filed: a scalar under a (deeper) path, as value or element. */
  private record MatchKey(String path, Object key, boolean element) {}

  /**
   * A {@code match} template is filed under one scalar it requires: following object keys from the
   * path down to a scalar (an equality on the deeper path), or to an array holding a scalar (array
   * membership). Hits are candidates, tested on the whole template. A template with no such scalar
   * is tested whenever its path is present (null).
   */
  private static MatchKey matchKey(MatchSpec spec) {
    Object t = spec.template();
    StringBuilder path = new StringBuilder(spec.path());
    while (t instanceof Map) {
      Object next = null;
      String key = null;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) t).entrySet()) {
        // Prefer a scalar at this level; else go down the first container.
        if (Values.isScalar(e.getValue())) {
          return new MatchKey(path + "." + e.getKey(), PathNode.key(Values.canonicalScalar(e.getValue())), false);
        }
        if (next == null) {
          next = e.getValue();
          key = (String) e.getKey();
        }
      }
      if (next == null) {
        return null;
      }
      path.append('.').append(key);
      t = next;
    }
    List<Object> items = Values.asList(t);
    if (items != null) {
      for (Object e : items) {
        if (Values.isScalar(e)) {
          return new MatchKey(path.toString(), PathNode.key(Values.canonicalScalar(e)), true);
        }
      }
    }
    return null;
  }

  private void fileMatch(Condition c) {
    MatchKey k = matchKey((MatchSpec) c.spec);
    if (k == null) {
      c.node.scanList().add(c);
      c.node.refresh();
      return;
    }
    PathNode n = trie.intern(k.path());
    addKey(k.element() ? n.elementsMap() : n.equalsMap(), k.key(), c);
    n.refresh();
  }

  private void unfileMatch(Condition c) {
    MatchKey k = matchKey((MatchSpec) c.spec);
    if (k == null) {
      c.node.scan.remove(c);
      c.node.refresh();
      return;
    }
    PathNode n = trie.node(k.path());
    removeKey(k.element() ? n.elements : n.equals, k.key(), c);
    n.refresh();
    trie.release(k.path());
  }

  // ---- matching ------------------------------------------------------------------------------

  /**
   * Matches a document (a map) and leaves the matching filters in {@code s} ({@link Scratch#answer}). The caller calls
   * {@link Scratch#end()} when done with them.
   */
  void collect(Scratch s, Map<?, ?> document, String documentId) {
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long before = root.version;
      if ((before & 1) == 0) {
        collectOnce(s, document, documentId);
        VarHandle.acquireFence(); // the match's reads happen before the version is read again
        if (root.version == before) {
          return;
        }
        s.end(); // drop this attempt's output
      }
      Thread.onSpinWait();
    }
    lock.lock();
    try {
      collectOnce(s, document, documentId);
    } finally {
      lock.unlock();
    }
  }

  private void collectOnce(Scratch s, Map<?, ?> document, String documentId) {
    s.begin();
    if (flat) {
      collectFlat(s, document, documentId);
      return;
    }
    PathNode root = trie.root;
    walk(s, root, document);
    if (documentId != null) {
      OpenMap<String, PathNode> children = root.children;
      PathNode idNode = children == null ? null : children.get("_id");
      if (idNode != null) {
        s.set(idNode, documentId);
      }
    }
    run(s);
  }

  /** Matches the nested document {@code {"value": element}} (select queries). */
  void collectElement(Scratch s, Object element) {
    // Runs inside the outer document's match, whose version check covers this partition too.
    s.begin();
    OpenMap<String, PathNode> children = trie.root.children;
    PathNode n = children == null ? null : children.get("value");
    if (n != null) {
      setAndDescend(s, n, element);
    }
    run(s);
  }

  private void run(Scratch s) {
    for (int i = 0; i < s.probeCount; i++) {
      probe(s, s.probed(i));
    }
    verifyEach(s, alwaysCandidates.items);
  }

  private void walk(Scratch s, PathNode node, Map<?, ?> object) {
    OpenMap<String, PathNode> children = node.children;
    if (children == null) {
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

  /**
   * The one-pass match of a {@link #flat} partition: every hit emits a filter id and nothing needs
   * another field's value, so each field is probed where the walk finds it, with no flattened
   * document to fill and read back. Reads values as {@link #setAndDescend} and {@link #probe} do, so
   * both passes give the same answer; a write overlapping it is caught by the sequence lock. Only a
   * {@linkplain PathNode#dotted dotted} node, which the walk may reach twice, is set in the scratch as
   * in the two-pass match and probed once the walk is over, with its last value. When the index holds
   * a few top-level fields and the document at least as many, they are looked up by key instead,
   * and an index of one field is tried first of all.
   */
  private void collectFlat(Scratch s, Map<?, ?> document, String documentId) {
    if (documentId == null && findsKeysCheaply(document)) {
      // The common case first, before reading anything it does not need.
      PathNode sole = soleFlatField;
      if (sole != null) {
        probeField(s, sole, document, false);
        finishOnePass(s);
        return;
      }
      PathNode[] fields = flatFields;
      if (fields != null && fields.length <= document.size()) {
        probeFields(s, fields, document, null);
        finishOnePass(s);
        return;
      }
    }
    OpenMap<String, PathNode> children = trie.root.children;
    if (children == null) {
      return;
    }
    // The document id stands for any "_id" field of the content (see collectOnce).
    PathNode idNode = documentId == null ? null : children.get("_id");
    PathNode[] fields = flatFields;
    if (fields != null && fields.length <= document.size() && findsKeysCheaply(document)) {
      probeFields(s, fields, document, idNode);
    } else {
      walkFlat(s, children, document, idNode);
    }
    if (idNode != null) {
      probeFlat(s, idNode, documentId);
    }
    finishOnePass(s);
  }

  /** The end of a one-pass match: probes the dotted nodes the walk set, asks for any compaction. */
  private void finishOnePass(Scratch s) {
    for (int i = 0; i < s.probeCount; i++) {
      PathNode n = s.probed(i);
      Object value = s.value(n);
      hitScalar(s, n, value);
      if (value instanceof Number) {
        stabFlat(s, n, (Number) value);
      }
    }
    RangeIndex<Condition> fragmented = s.fragmentedRanges;
    if (fragmented != null) {
      s.fragmentedRanges = null;
      maybeCompact(s, fragmented);
    }
  }

  /** The nodes of the root's children if they are at most {@link #MAX_FLAT_FIELDS} and none dotted. */
  private PathNode[] topLevelFields() {
    OpenMap<String, PathNode> children = trie.root.children;
    if (children == null || children.size() > MAX_FLAT_FIELDS) {
      return null;
    }
    List<String> keys = children.keys();
    PathNode[] nodes = new PathNode[keys.size()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = children.get(keys.get(i));
      if (nodes[i].dotted) {
        return null; // a document may reach it twice, and the last value counts: walk it
      }
    }
    return nodes;
  }

  /**
   * Whether {@code get} on this map finds a key as the walk would (by {@code equals}: not an {@code
   * IdentityHashMap} or a {@code TreeMap} with an order of its own, say) and cheaply: hash maps, and
   * parsed objects small enough to be scanned (a larger one would build its table of positions).
   */
  private static boolean findsKeysCheaply(Map<?, ?> document) {
    Class<?> type = document.getClass();
    return type == LinkedHashMap.class || type == HashMap.class
        || type == JsonMap.class && document.size() <= JsonMap.SCANNED_SIZE;
  }

  /**
   * Probes each of {@code fields} in {@code document} by key ({@link #findsKeysCheaply});
   * {@code replaced} is only descended into.
   */
  private static void probeFields(Scratch s, PathNode[] fields, Map<?, ?> document, PathNode replaced) {
    for (PathNode n : fields) {
      if (n == null) {
        return; // an array being published by a concurrent write: this attempt will be run again
      }
      probeField(s, n, document, n == replaced);
    }
  }

  /** Probes one top-level field, looked up by key ({@link #findsKeysCheaply}), if the document has it. */
  private static void probeField(Scratch s, PathNode n, Map<?, ?> document, boolean descendOnly) {
    Object value = document.get(n.path);
    if (value != null || document.containsKey(n.path)) {
      probeFlat(s, n, value, descendOnly);
    }
  }

  /** Probes the fields of {@code object} that have nodes; {@code replaced} is only descended into. */
  private static void walkFlat(Scratch s, OpenMap<String, PathNode> children, Map<?, ?> object, PathNode replaced) {
    if (object instanceof JsonMap) {
      JsonMap m = (JsonMap) object;
      for (int i = 0, n = m.size(); i < n; i++) {
        PathNode child = children.get(m.keyAt(i));
        if (child != null) {
          probeFlat(s, child, m.valueAt(i), child == replaced);
        }
      }
    } else {
      for (Map.Entry<?, ?> e : object.entrySet()) {
        Object key = e.getKey();
        if (key instanceof String) {
          PathNode child = children.get(key);
          if (child != null) {
            probeFlat(s, child, e.getValue(), child == replaced);
          }
        }
      }
    }
  }

  private static void probeFlat(Scratch s, PathNode node, Object value) {
    probeFlat(s, node, value, false);
  }

  private static void probeFlat(Scratch s, PathNode node, Object value, boolean descendOnly) {
    if (node.dotted) {
      setAndDescendFlat(s, node, value);
      return;
    }
    if (!descendOnly) {
      Object exists = node.exists;
      if (exists != null) {
        hitKey(s, exists);
      }
    }
    // Same value classes, in the same order, as setAndDescend.
    if (value == null || value instanceof String || value instanceof Boolean) {
      if (!descendOnly) {
        hitEqual(s, node, value);
      }
    } else if (value instanceof Long) {
      if (!descendOnly) {
        probeNumber(s, node, (Long) value);
      }
    } else if (value instanceof JsonMap || value instanceof HashMap) {
      descendFlat(s, node, (Map<?, ?>) value);
    } else if (value instanceof JsonList || value instanceof ArrayList) {
      return; // an array exists, and equals no scalar
    } else if (value instanceof Number) {
      if (!descendOnly) {
        probeNumber(s, node, Numbers.canonical((Number) value));
      }
    } else if (value instanceof Map) {
      descendFlat(s, node, (Map<?, ?>) value);
    } else if ((value instanceof CharSequence || value instanceof Character) && !descendOnly) {
      hitEqual(s, node, value.toString());
    }
  }

  /** A dotted node: its value is kept, canonical, for {@link #hitScalar} after the walk. */
  private static void setAndDescendFlat(Scratch s, PathNode node, Object value) {
    if (value instanceof Map) {
      s.set(node, value);
      descendFlat(s, node, (Map<?, ?>) value);
    } else if (value instanceof Number && !(value instanceof Long)) {
      s.set(node, Numbers.canonical((Number) value));
    } else if (value instanceof CharSequence && !(value instanceof String) || value instanceof Character) {
      s.set(node, value.toString());
    } else {
      s.set(node, value);
    }
  }

  /** The existence and equality hits of a node holding a canonical value (both passes). */
  private static void hitScalar(Scratch s, PathNode node, Object value) {
    Object exists = node.exists;
    if (exists != null) {
      hitKey(s, exists);
    }
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      hitEqual(s, node, value);
    }
  }

  private static void descendFlat(Scratch s, PathNode node, Map<?, ?> object) {
    OpenMap<String, PathNode> children = node.children;
    if (children != null) {
      walkFlat(s, children, object, null);
    }
  }

  /** The equality and range hits of a canonical number at {@code node} in a one-pass match. */
  private static void probeNumber(Scratch s, PathNode node, Number value) {
    hitEqual(s, node, value);
    stabFlat(s, node, value);
  }

  /**
   * The range hits of a (canonical) number at {@code node} in a one-pass match, where every range is a
   * whole filter: the value goes along with the stab, as a primitive, instead of through the scratch's
   * table of values.
   */
  private static void stabFlat(Scratch s, PathNode node, Number value) {
    RangeIndex<Condition> ranges = node.ranges;
    if (ranges != null) {
      if (value instanceof Long) {
        s.stabbedLong = (Long) value;
        ranges.stab(s.stabbedLong, s.longRangeHit);
      } else if (value instanceof Double) {
        s.stabbedDouble = (Double) value;
        ranges.stab(s.stabbedDouble, s.doubleRangeHit);
      } else {
        ranges.stab(Numbers.approximate(value), s.rangeHits(value));
      }
      if (ranges.isFragmented()) {
        s.fragmentedRanges = ranges; // for collectFlat, which may ask for a compaction
      }
    }
  }

  /** The equality hits of a scalar (canonical) value at {@code node}. */
  private static void hitEqual(Scratch s, PathNode node, Object value) {
    OpenMap<Object, Object> eq = node.equals;
    if (eq != null) {
      Object found = eq.get(value == null ? PathNode.NULL_KEY : value);
      if (found != null) {
        hitKey(s, found);
      }
    }
  }

  private void setAndDescend(Scratch s, PathNode node, Object value) {
    // Exact class tests first: on JDK 17 a failed test against an interface (Map, CharSequence)
    // scans the class's interfaces every time, which costs more than the rest of a field's work.
    // Parsed documents hold JsonMap and JsonList; documents built by callers mostly HashMap (or
    // LinkedHashMap) and ArrayList.
    if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
        || value instanceof JsonList || value instanceof ArrayList) {
      s.set(node, value);
    } else if (value instanceof JsonMap) {
      s.set(node, value);
      walk(s, node, (JsonMap) value);
    } else if (value instanceof Number) {
      s.set(node, Numbers.canonical((Number) value));
    } else if (value instanceof HashMap || value instanceof Map) {
      s.set(node, value);
      walk(s, node, (Map<?, ?>) value);
    } else if (value instanceof CharSequence || value instanceof Character) {
      s.set(node, value.toString()); // caller-built maps: any character sequence reads as a string
    } else {
      s.set(node, value); // lists and arrays, as they are
    }
  }

  private void probe(Scratch s, PathNode n) {
    Object value = s.value(n);
    hitScalar(s, n, value);
    if (value instanceof Number) {
      var ranges = n.ranges;
      if (ranges != null) {
        s.stabbedNode = n.id;
        ranges.stab(Numbers.approximate((Number) value), s.rangeHit);
        if (ranges.isFragmented()) {
          maybeCompact(s, ranges);
        }
      }
    } else if (value instanceof String) {
      var regexps = n.regexps;
      if (regexps != null) {
        regexps.query((String) value, s.hit);
      }
    }
    OpenMap<Object, Object> elements = n.elements;
    if (elements != null) {
      List<Object> items = Values.asList(value);
      if (items != null) {
        for (int i = 0, size = items.size(); i < size; i++) {
          Object e = items.get(i);
          if (Values.isScalar(e)) {
            Object found = elements.get(PathNode.key(Values.canonicalScalar(e)));
            if (found != null) {
              hitKey(s, found);
            }
          }
        }
      }
    }
    var geo = n.geo;
    if (geo != null) {
      var p = s.point(n);
      if (p != null) {
        geo.query(p, s.geoHit);
      }
    }
    SelectIndex select = n.select;
    if (select != null) {
      select.probe(s, value);
    }
    Members scan = n.scan;
    if (scan != null) {
      hitEach(s, scan.items);
    }
  }

  /**
   * Ski rental: once this thread has stabbed fragmented range indexes about a quarter as many times
   * as the index holds intervals (plus a constant), the extra levels have cost about as much as
   * merging them would; the merge is then handed to the engine's maintenance executor, which takes
   * the partition's lock like any writer. Matching itself never waits.
   */
  private void maybeCompact(Scratch s, RangeIndex<Condition> ranges) {
    if (++s.fragmentedStabs > (ranges.size() >> 2) + COMPACTION_MIN_STABS && ranges.claimCompaction()) {
      s.fragmentedStabs = 0;
      engine.maintain(() -> {
        lock.lock();
        try {
          ranges.compact(); // harmless on an index dropped meanwhile
        } finally {
          lock.unlock();
        }
      });
    }
  }

  // Postings hold one member, or an array of them (stop at null, skip tombstones and dead ones).

  /** The conditions of an index key: one condition, or a {@link KeyPosting}. */
  private static void hitKey(Scratch s, Object found) {
    if (found instanceof Condition) {
      tryHit(s, (Condition) found);
    } else {
      KeyPosting k = (KeyPosting) found;
      emitDirect(s, k.directIds);
      hitEach(s, k.items);
    }
  }

  /** The ids of filters whose conditions, filed under a key the document holds, are the whole filter. */
  private static void emitDirect(Scratch s, String[] ids) {
    if (ids != null) {
      for (String id : ids) {
        if (id == null) {
          break;
        }
        if (id != FilterPosting.GONE) {
          s.emitUnique(id); // a direct condition is reached once per document, and by no other way
        }
      }
    }
  }

  private static void hitEach(Scratch s, Object conditions) {
    if (conditions instanceof Object[]) {
      for (Object o : (Object[]) conditions) {
        if (o == null) {
          break;
        }
        if (o != Posting.TOMBSTONE) {
          tryHit(s, (Condition) o);
        }
      }
    } else if (conditions != null) {
      tryHit(s, (Condition) conditions);
    }
  }

  private static void tryHit(Scratch s, Condition c) {
    if (!c.dead && (c.exactOnHit || c.test(s))) {
      hit(s, c);
    }
  }

  /** A condition holds for the document: verify the conjunctions it gives access to. */
  static void hit(Scratch s, Condition c) {
    String direct = c.directId;
    if (direct != null) {
      // Reached once per document, and by no other way: no conjunction to verify, no repeat to skip.
      // Not remembered either: a conjunction holding it among other literals tests it again.
      s.emitUnique(direct);
      return;
    }
    if (c.costly) {
      s.remember(c, true);
    }
    verifyEach(s, c.items);
  }

  private static void verifyEach(Scratch s, Object conjunctions) {
    if (conjunctions instanceof Object[]) {
      for (Object o : (Object[]) conjunctions) {
        if (o == null) {
          break;
        }
        if (o != Posting.TOMBSTONE) {
          verify(s, (Conjunction) o);
        }
      }
    } else if (conjunctions != null) {
      verify(s, (Conjunction) conjunctions);
    }
  }

  private static void verify(Scratch s, Conjunction conj) {
    if (!conj.dead && conj.verify(s)) {
      Object filters = conj.filters;
      if (filters instanceof FilterPosting.Entries) {
        FilterPosting.Entries e = (FilterPosting.Entries) filters;
        String[] ids = e.ids;
        int[] slots = e.slots; // as long as ids
        for (int i = 0; i < ids.length; i++) {
          String id = ids[i];
          if (id == null) {
            break;
          }
          if (id != FilterPosting.GONE) {
            s.emit(id, slots[i]);
          }
        }
      } else if (filters != null) {
        FilterRecord rec = (FilterRecord) filters;
        s.emit(rec.id, rec.slot);
      }
    }
  }

  /** Whether documents are matched in one pass ({@link #flat}); for tests and diagnostics. */
  boolean isFlat() {
    return flat;
  }

  /** Whether a flat match looks one top-level field up by key ({@link #soleFlatField}); for tests. */
  boolean probesOneFieldByKey() {
    return soleFlatField != null;
  }

  /** Whether a flat match looks the top-level fields up by key ({@link #flatFields}); for tests. */
  boolean probesFieldsByKey() {
    return flatFields != null;
  }

  /** For diagnostics: the ids of the filters. */
  List<String> idList() {
    return filters.keys();
  }
}
