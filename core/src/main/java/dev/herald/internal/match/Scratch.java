package dev.herald.internal.match;

import dev.herald.internal.geo.GeoHits;
import dev.herald.internal.geo.GeoPoint;
import dev.herald.internal.geo.GeoPoints;
import dev.herald.internal.filter.RangeSpec;
import dev.herald.internal.range.RangeHits;
import dev.herald.internal.range.RangeIndex;
import java.lang.ref.WeakReference;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * One thread's working memory for matching one document, reused from document to document so the
 * common path allocates nothing but its answer. Every entry is stamped with the current epoch, so
 * nothing is cleared between documents; entries by path node and condition also with their owner
 * object, so an id reused by a concurrent writer is never mistaken for the old one.
 *
 * <p>Reference stores. A scratch lives long, so G1 soon holds it and its arrays in old regions,
 * where storing a reference to an object of another region runs the collector's post-write barrier
 * with a full StoreLoad fence: about as costly as the rest of a field's work. The hot path therefore
 * stores ints where it can (the probed nodes are ids), compares before storing a reference that
 * usually has not changed (a node's owner, a condition's), and keeps the first matching id in a field
 * but two or more in an array allocated for the document, young, which then becomes the caller's
 * list without a copy: a document matching one filter pays one fence and no allocation, one matching
 * fifty pays two fences instead of fifty.
 *
 * <p>Not thread-safe: one per thread and nesting level ({@link #child} serves nested matches).
 */
final class Scratch {
  private static final GeoPoint UNREADABLE = new GeoPoint(Double.NaN, Double.NaN);
  private static final int MAX_FIRST_CAPACITY = 64;

  private int epoch;

  // The flattened document: value per path node.
  private int[] nodeEpoch = new int[64];
  private PathNode[] nodeOwner = new PathNode[64];
  private Object[] nodeValue = new Object[64];
  private int[] pointEpoch = new int[64];
  private GeoPoint[] nodePoint = new GeoPoint[64];
  /** The ids of the present nodes that have indexes to probe, in the order they were set. */
  private int[] probeIds = new int[16];
  int probeCount;

  // Memoized condition results.
  private int[] condEpoch = new int[64];
  private Object[] condOwner = new Object[64];
  private boolean[] condResult = new boolean[64];

  // The slots of the filters emitted for this document: a small open-addressing set whose
  // entries are (epoch << 32 | slot), so a new epoch empties it. A document matches few filters, so
  // this stays in the first-level cache, where a table indexed by slot (a million filters: megabytes)
  // cost a cache miss per emitted filter. A slot reused by a concurrent writer can only confuse a
  // match that the writer overlapped, and such a match is run again (see Partition#collect).
  private long[] emitted = new long[64];
  private int emittedCount;
  /** The number of matching filters so far (each counted once). */
  int outCount;
  /** The first matching id: a field of this scratch's, so storing it allocates nothing. */
  private String firstId;
  /**
   * All the ids once there are two or more, or once a range index copies a run of them: allocated
   * for the document; else null.
   */
  private String[] ids;
  /**
   * A recent high of outCount, decaying: the first capacity of {@link #ids} (at most {@link
   * #MAX_FIRST_CAPACITY}, so that one huge answer never makes the next small ones big), so it seldom
   * grows.
   */
  private int outHint;
  /** False while only counting: matches are counted, no id is stored. */
  boolean keepIds = true;

  /** Stabs of fragmented range indexes since this thread last asked for a compaction. */
  int fragmentedStabs;
  /**
   * A fragmented range index a one-pass match stabbed (its static methods leave the compaction to the
   * partition); set only while an index is fragmented, so the reference store is seldom paid.
   */
  RangeIndex<Condition> fragmentedRanges;
  /** The node whose number is being stabbed in a range index, for the exact test of candidates. */
  int stabbedNode;

  final Consumer<Condition> hit = c -> Partition.hit(this, c);
  /** Geo hits: a direct id is emitted without reading the condition. */
  final GeoHits<Condition> geoHit = new GeoHits<>() {
    @Override
    public void item(Condition c) {
      Partition.hit(Scratch.this, c);
    }

    @Override
    public void direct(String id, Condition c) {
      emitUnique(id);
    }
  };
  /**
   * Range hits of the two-pass match: strictly inside the rounded bounds proves the exact test (see
   * RangeSpec.lowKey); on a bound, the stabbed node's value is tested.
   */
  final RangeHits<Condition> rangeHit = new RangeHits<>() {
    @Override
    public void inside(Condition c) {
      Partition.hit(Scratch.this, c);
    }

    @Override
    public void insideRun(Object[] conditions, String[] directIds, int from, int to) {
      hitRun(conditions, directIds, from, to);
    }

    @Override
    public void onBound(Condition c) {
      if (((RangeSpec) c.spec).contains((Number) nodeValue[stabbedNode])) {
        Partition.hit(Scratch.this, c);
      }
    }
  };

  /** The number a one-pass match is stabbing with {@link #longRangeHit} or {@link #doubleRangeHit}. */
  long stabbedLong;
  double stabbedDouble;

  /**
   * Range hits of a one-pass match of the {@code Long} {@link #stabbedLong}. The number is kept as a
   * primitive: storing a reference into this long-lived scratch costs a G1 post-write barrier (a
   * fence, often a card to refine) on every document; it is boxed again only for a hit on a bound.
   */
  final RangeHits<Condition> longRangeHit = new RangeHits<>() {
    @Override
    public void inside(Condition c) {
      Partition.hit(Scratch.this, c);
    }

    @Override
    public void insideRun(Object[] conditions, String[] directIds, int from, int to) {
      hitRun(conditions, directIds, from, to);
    }

    @Override
    public void onBound(Condition c) {
      if (((RangeSpec) c.spec).contains(stabbedLong)) {
        Partition.hit(Scratch.this, c);
      }
    }
  };

  /** As {@link #longRangeHit}, for the {@code Double} {@link #stabbedDouble}. */
  final RangeHits<Condition> doubleRangeHit = new RangeHits<>() {
    @Override
    public void inside(Condition c) {
      Partition.hit(Scratch.this, c);
    }

    @Override
    public void insideRun(Object[] conditions, String[] directIds, int from, int to) {
      hitRun(conditions, directIds, from, to);
    }

    @Override
    public void onBound(Condition c) {
      if (((RangeSpec) c.spec).contains(stabbedDouble)) {
        Partition.hit(Scratch.this, c);
      }
    }
  };

  /**
   * Range hits of a one-pass match of another canonical number ({@code BigInteger}, {@code
   * BigDecimal}): a new object per stab, holding it.
   */
  RangeHits<Condition> rangeHits(Number value) {
    return new RangeHits<>() {
      @Override
      public void inside(Condition c) {
        Partition.hit(Scratch.this, c);
      }

      @Override
      public void insideRun(Object[] conditions, String[] directIds, int from, int to) {
        hitRun(conditions, directIds, from, to);
      }

      @Override
      public void onBound(Condition c) {
        if (((RangeSpec) c.spec).contains(value)) {
          Partition.hit(Scratch.this, c);
        }
      }
    };
  }

  /** Conditions {@code [from, to)} of a range index hold strictly: see {@link RangeHits#insideRun}. */
  private void hitRun(Object[] conditions, String[] directIds, int from, int to) {
    if (!keepIds) {
      for (int i = from; i < to; i++) {
        if (directIds[i] != null) {
          outCount++;
        } else {
          Partition.hit(this, (Condition) conditions[i]);
        }
      }
      return;
    }
    // A run of whole filters is copied into the answer; only the other conditions are touched.
    String[] out = reserve(to - from);
    for (int i = from; i < to; i++) {
      String id = directIds[i];
      if (id != null) {
        out[outCount++] = id;
      } else {
        Partition.hit(this, (Condition) conditions[i]);
        out = reserve(to - i - 1); // the hit may have emitted into the room left for the run
      }
    }
  }

  /** The thread this scratch serves (weakly, so that a finished thread's slot does not keep it). */
  final WeakReference<Thread> owner = new WeakReference<>(Thread.currentThread());
  boolean inUse;
  private Scratch child;
  /**
   * The partition this thread matched last: matching the same index again skips the lookup. It may
   * have been removed since (checked before use).
   */
  Partition lastPartition;

  /** Starts a new document. */
  void begin() {
    if (++epoch == 0) {
      Arrays.fill(nodeEpoch, 0);
      Arrays.fill(pointEpoch, 0);
      Arrays.fill(condEpoch, 0);
      Arrays.fill(emitted, 0);
      epoch = 1;
    }
    probeCount = 0;
    outCount = 0;
    emittedCount = 0;
  }

  /**
   * Ends a document: lets go of its answer. (The values of its fields stay until later documents
   * replace them: clearing them would cost a store per field.)
   */
  void end() {
    ids = null;
    outHint = Math.max(outCount, outHint - (outHint >> 4));
  }

  /** A scratch for a match nested in this one (select queries, sinks that match again). */
  Scratch child() {
    if (child == null) {
      child = new Scratch();
    }
    return child;
  }

  // ---- the flattened document ----------------------------------------------------------------

  void set(PathNode node, Object canonicalValue) {
    int id = node.id;
    if (id >= nodeEpoch.length) {
      growNodes(id);
    }
    boolean owned = nodeOwner[id] == node;
    boolean fresh = nodeEpoch[id] != epoch || !owned;
    nodeEpoch[id] = epoch;
    // Reference stores only when they change something (see the class comment).
    if (!owned) {
      nodeOwner[id] = node;
    }
    if (nodeValue[id] != canonicalValue) {
      nodeValue[id] = canonicalValue;
    }
    if (!fresh) {
      pointEpoch[id] = 0; // a later key replaced the value: forget its parsed point
    } else if (node.probed) {
      if (probeCount == probeIds.length) {
        probeIds = Arrays.copyOf(probeIds, probeCount * 2);
      }
      probeIds[probeCount++] = id;
    }
  }

  /** The i-th node to probe, {@code 0 <= i < probeCount}. */
  PathNode probed(int i) {
    return nodeOwner[probeIds[i]];
  }

  boolean isPresent(PathNode node) {
    int id = node.id;
    return id < nodeEpoch.length && nodeEpoch[id] == epoch && nodeOwner[id] == node;
  }

  /** The value at a present node (call {@link #isPresent} first). */
  Object value(PathNode node) {
    return nodeValue[node.id];
  }

  /** The geopoint at a present node, parsed once per document; null when unreadable. */
  GeoPoint point(PathNode node) {
    int id = node.id;
    if (pointEpoch[id] == epoch) {
      GeoPoint p = nodePoint[id];
      return p == UNREADABLE ? null : p;
    }
    GeoPoint p = GeoPoints.parse(nodeValue[id]);
    pointEpoch[id] = epoch;
    nodePoint[id] = p == null ? UNREADABLE : p;
    return p;
  }

  private void growNodes(int id) {
    int n = Math.max(id + 1, nodeEpoch.length * 2);
    nodeEpoch = Arrays.copyOf(nodeEpoch, n);
    nodeOwner = Arrays.copyOf(nodeOwner, n);
    nodeValue = Arrays.copyOf(nodeValue, n);
    pointEpoch = Arrays.copyOf(pointEpoch, n);
    nodePoint = Arrays.copyOf(nodePoint, n);
  }

  // ---- condition memo ------------------------------------------------------------------------

  /** 1 or 0 when the condition was already tested on this document, else -1. */
  int memo(Condition c) {
    int s = c.slot;
    if (s < condEpoch.length && condEpoch[s] == epoch && condOwner[s] == c) {
      return condResult[s] ? 1 : 0;
    }
    return -1;
  }

  void remember(Condition c, boolean result) {
    int s = c.slot;
    if (s >= condEpoch.length) {
      int n = Math.max(s + 1, condEpoch.length * 2);
      condEpoch = Arrays.copyOf(condEpoch, n);
      condOwner = Arrays.copyOf(condOwner, n);
      condResult = Arrays.copyOf(condResult, n);
    }
    condEpoch[s] = epoch;
    if (condOwner[s] != c) {
      condOwner[s] = c;
    }
    condResult[s] = result;
  }

  // ---- output --------------------------------------------------------------------------------

  /** Adds the id of a matching filter that cannot have been emitted already for this document. */
  void emitUnique(String id) {
    int n = outCount++;
    if (keepIds) {
      if (n == 0 && ids == null) {
        firstId = id;
      } else {
        store(n, id);
      }
    }
  }

  /**
   * The array of the ids, allocated (then holding the first id, if any) or grown so that it has room
   * for {@code k} more; the caller stores them from {@link #outCount} on, counting them.
   */
  String[] reserve(int k) {
    int need = outCount + k;
    String[] a = ids;
    if (a == null) {
      a = new String[Math.max(need, Math.min(MAX_FIRST_CAPACITY, Math.max(4, outHint)))];
      if (outCount == 1) {
        a[0] = firstId;
      }
      ids = a;
    } else if (need > a.length) {
      a = Arrays.copyOf(a, Math.max(need, 2 * a.length));
      ids = a;
    }
    return a;
  }

  /** Stores a second or later id (kept out of {@link #emitUnique}, which is inlined everywhere). */
  private void store(int n, String id) {
    String[] a = ids;
    if (a == null) {
      a = new String[Math.min(MAX_FIRST_CAPACITY, Math.max(4, outHint))];
      a[0] = firstId;
      ids = a;
    } else if (n == a.length) {
      a = Arrays.copyOf(a, 2 * n);
      ids = a;
    }
    a[n] = id;
  }

  /** The i-th matching id, {@code 0 <= i < outCount}. */
  String id(int i) {
    return ids != null ? ids[i] : firstId;
  }

  /** The matching ids as a new list the caller owns (fixed-size, settable, so sortable). */
  List<String> answer() {
    switch (outCount) {
      case 0:
        return Collections.emptyList();
      case 1:
        return Collections.singletonList(ids != null ? ids[0] : firstId);
      default:
        return new Answer(ids, outCount); // the array was allocated for this document: no copy
    }
  }

  /**
   * A fixed-size view of the first {@code size} ids of an array that nothing else references, so it
   * may be sorted in place.
   */
  private static final class Answer extends AbstractList<String> implements RandomAccess {
    private final String[] ids;
    private final int size;

    Answer(String[] ids, int size) {
      this.ids = ids;
      this.size = size;
    }

    @Override
    public String get(int index) {
      return ids[Objects.checkIndex(index, size)];
    }

    @Override
    public String set(int index, String id) {
      String previous = ids[Objects.checkIndex(index, size)];
      ids[index] = id;
      return previous;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public Object[] toArray() {
      return Arrays.copyOf(ids, size, Object[].class);
    }

    @Override
    public void sort(Comparator<? super String> c) {
      Arrays.sort(ids, 0, size, c);
      modCount++;
    }
  }

  /** Adds a matching filter, by its id and slot, unless it was already emitted for this document. */
  void emit(String id, int slot) {
    long entry = ((long) epoch << 32) | (slot & 0xFFFF_FFFFL);
    long[] table = emitted;
    int mask = table.length - 1;
    int h = slot * 0x9E37_79B9;
    int i = (h ^ (h >>> 16)) & mask;
    for (long e; (int) ((e = table[i]) >>> 32) == epoch; i = (i + 1) & mask) {
      if (e == entry) {
        return;
      }
    }
    table[i] = entry;
    if (++emittedCount > table.length >> 1) {
      growEmitted();
    }
    emitUnique(id);
  }

  private void growEmitted() {
    long[] old = emitted;
    long[] table = new long[old.length * 2];
    int mask = table.length - 1;
    for (long e : old) {
      if ((int) (e >>> 32) == epoch) {
        int h = (int) e * 0x9E37_79B9;
        int i = (h ^ (h >>> 16)) & mask;
        while (table[i] != 0) {
          i = (i + 1) & mask;
        }
        table[i] = e;
      }
    }
    emitted = table;
  }
}
