package dev.herald.internal.range;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One level of a {@link RangeIndex}: a centered interval tree over a fixed set of closed intervals,
 * built once and flattened into arrays.
 *
 * <p>Layout. Nodes are numbered in preorder. An inner node {@code n} has a center and owns the
 * intervals that contain it; intervals entirely below the center go to the left subtree, those
 * entirely above to the right one. A node's intervals occupy the slots {@code [start[n],
 * start[n + 1])}: {@link #items} and {@link #lo} hold them sorted by lo (then by identity hash, so
 * the writer can find an item again by binary search), and {@link #hi} holds the same intervals'
 * upper bounds sorted ascending (then by slot), with {@link #hiSlot} pointing back at each one's
 * slot and {@link #hiItems} repeating its item. A stab below the center scans the lo-sorted slice
 * from the front while {@code lo <= x}; above it, the hi-sorted slice from the back while
 * {@code hi >= x}; either way its hits are one run of consecutive items. A set of at most {@link #LEAF_SIZE} intervals becomes a leaf instead: its
 * {@link #hi} entries stay in slot order, and a stab checks both bounds of each.
 *
 * <p>Each level holds at most one copy of a given item. Centers are median lower bounds, so the
 * depth is at most about log2(n / LEAF_SIZE) + 1 and a stab costs O(log n + k) for k hits.
 *
 * <p>Direct ids. Each slot may also hold the owner's direct id for its item ({@link #direct}, and
 * {@link #hiDirect} in hi order), asked of the owner when the tree is built and changed in place
 * when the owner changes it ({@link #setDirect}). A stab reports each run of consecutive hits
 * strictly inside at once, with the ids, so the owner emits them without touching the items.
 *
 * <p>Deletion marks a slot in {@link #dead}; apart from it and the direct ids, everything is
 * immutable after construction.
 *
 * <p>Thread-safety: stabbing is safe from any thread once the tree has been published through a
 * volatile write; {@link #kill}, {@link #setDirect} and the dead count belong to the single writer.
 * A reader racing with a kill may or may not report that item (it is being removed while the reader
 * runs); one racing with a change of direct id may report the old id or the new one.
 */
final class StaticIntervalTree<T> {
  /** Largest set of intervals stored as a leaf rather than split further. */
  static final int LEAF_SIZE = 8;
  private static final int LEAF = -2; // in left[]: the node is a leaf
  private static final int NONE = -1; // no child

  private final double[] center;
  /**
   * The least lower bound and the greatest upper bound (removed intervals included): a stab outside
   * them, such as a value beyond every range, returns at once instead of descending to a leaf.
   */
  private final double lowest;
  private final double highest;
  private final int[] left;
  private final int[] right;
  /** Node n owns slots [start[n], start[n + 1]); one entry more than there are nodes. */
  private final int[] start;
  private final Object[] items;
  private final double[] lo;
  private final double[] hi;
  private final int[] hiSlot;
  /** The items in {@link #hi} order ({@code items[hiSlot[j]]}). */
  private final Object[] hiItems;
  /** The owner's direct id of each slot's item, or null; written by the writer only. */
  private final String[] direct;
  /** The same in {@link #hi} order ({@code direct[hiSlot[j]]}). */
  private final String[] hiDirect;
  /** The inverse of {@link #hiSlot}: where each slot is in hi order. */
  private final int[] hiIndex;
  /** One bit per slot, set once the slot's item is removed. Written by the writer only. */
  private final int[] dead;
  /**
   * Written by the writer only; a stab reads it once and skips the {@link #dead} bits while it is 0
   * (the common case). A stab that misses a concurrent kill reports the item being removed, which is
   * allowed (see the class comment).
   */
  private int deadCount;

  private StaticIntervalTree(double[] center, int[] left, int[] right, int[] start, Object[] items,
      double[] lo, double[] hi, int[] hiSlot, Function<Object, String> directIdOf) {
    this.center = center;
    this.left = left;
    this.right = right;
    this.start = start;
    this.items = items;
    this.lo = lo;
    this.hi = hi;
    this.hiSlot = hiSlot;
    this.dead = new int[(items.length + 31) >>> 5];
    double least = Double.POSITIVE_INFINITY;
    double greatest = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < items.length; i++) {
      least = Math.min(least, lo[i]);
      greatest = Math.max(greatest, hi[i]);
    }
    this.lowest = least;
    this.highest = greatest;
    this.hiItems = new Object[items.length];
    this.direct = new String[items.length];
    this.hiDirect = new String[items.length];
    this.hiIndex = new int[items.length];
    for (int i = 0; i < items.length; i++) {
      direct[i] = directIdOf.apply(items[i]);
    }
    for (int j = 0; j < hiSlot.length; j++) {
      int i = hiSlot[j];
      hiItems[j] = items[i];
      hiDirect[j] = direct[i];
      hiIndex[i] = j;
    }
  }

  /**
   * Builds a tree over the first {@code count} entries of the parallel arrays, which are left
   * untouched. Bounds must be ordered ({@code lo <= hi}), hence not NaN. Costs O(n log n) time and
   * about 100 bytes per entry of transient memory.
   */
  static <T> StaticIntervalTree<T> build(Object[] items, double[] lo, double[] hi, int count) {
    return build(items, lo, hi, count, item -> null);
  }

  /** As {@link #build(Object[], double[], double[], int)}, asking {@code directIdOf} each item's direct id. */
  static <T> StaticIntervalTree<T> build(Object[] items, double[] lo, double[] hi, int count,
      Function<Object, String> directIdOf) {
    return new Builder(items, lo, hi, count).build(directIdOf);
  }

  /** Intervals the tree was built with, removed ones included. */
  int size() {
    return items.length;
  }

  /** Intervals not removed yet; writer only. */
  int liveCount() {
    return items.length - deadCount;
  }

  /** Removed intervals still taking up slots; writer only. */
  int deadCount() {
    return deadCount;
  }

  /**
   * Calls {@code hits} for each live interval containing {@code x}, which must not be NaN. O(depth +
   * k): one path from the root, and each scan stops at the first bound that fails.
   */
  @SuppressWarnings("unchecked")
  void stab(double x, Consumer<? super T> hits) {
    stab(x, RangeHits.of(hits));
  }

  /** As {@link #stab(double, Consumer)}, telling hits strictly inside from hits on a bound. */
  @SuppressWarnings("unchecked")
  void stab(double x, RangeHits<? super T> hits) {
    if (x < lowest || x > highest) {
      return;
    }
    boolean anyDead = deadCount != 0;
    int n = center.length == 0 ? NONE : 0;
    while (n != NONE) {
      int from = start[n];
      int to = start[n + 1];
      int l = left[n];
      if (l == LEAF) {
        for (int i = from; i < to && lo[i] <= x; i++) {
          if (hi[i] >= x && (!anyDead || isLive(i))) {
            if (lo[i] == x || hi[i] == x) {
              hits.onBound((T) items[i]);
            } else {
              hits.inside((T) items[i]);
            }
          }
        }
        return;
      }
      double c = center[n];
      if (x < c && !anyDead) {
        // Every interval here reaches the center, above x: the hits are those with lo <= x, a prefix
        // of the lo-sorted slice, the last of them on their bound when lo == x.
        int end = from;
        while (end < to && lo[end] <= x) {
          end++;
        }
        int inside = end;
        while (inside > from && lo[inside - 1] == x) {
          inside--;
        }
        if (inside > from) {
          hits.insideRun(items, direct, from, inside);
        }
        for (int i = inside; i < end; i++) {
          hits.onBound((T) items[i]);
        }
        n = l;
      } else if (x > c && !anyDead) {
        // Symmetrically, a suffix of the hi-sorted slice, the first of them on their bound.
        int begin = to;
        while (begin > from && hi[begin - 1] >= x) {
          begin--;
        }
        int inside = begin;
        while (inside < to && hi[inside] == x) {
          hits.onBound((T) hiItems[inside]);
          inside++;
        }
        if (inside < to) {
          hits.insideRun(hiItems, hiDirect, inside, to);
        }
        n = right[n];
      } else if (x < c) {
        // As above, one by one, skipping removed intervals.
        for (int i = from; i < to && lo[i] <= x; i++) {
          if (isLive(i)) {
            if (lo[i] == x) {
              hits.onBound((T) items[i]);
            } else {
              hits.inside((T) items[i]);
            }
          }
        }
        n = l;
      } else if (x > c) {
        for (int j = to - 1; j >= from && hi[j] >= x; j--) {
          if (isLive(hiSlot[j])) {
            if (hi[j] == x) {
              hits.onBound((T) hiItems[j]);
            } else {
              hits.inside((T) hiItems[j]);
            }
          }
        }
        n = right[n];
      } else {
        // Everything in the subtrees lies strictly below or above the center; here x may be on a
        // bound of any interval (the upper bounds are not at hand by slot): let the caller check.
        for (int i = from; i < to; i++) {
          if (!anyDead || isLive(i)) {
            hits.onBound((T) items[i]);
          }
        }
        return;
      }
    }
  }

  /**
   * The slot of {@code item} stored with these bounds and not removed yet, or -1. The bounds lead to
   * the one node that can hold it (the build's own placement rule); the identity hash then finds it
   * by binary search among that node's intervals sharing the lower bound, and a second search in the
   * hi-sorted slice checks the upper bound. O(depth + log n) plus rare identity-hash collisions.
   */
  int find(Object item, double lo, double hi, int identityHash) {
    int n = center.length == 0 ? NONE : 0;
    while (n != NONE) {
      if (left[n] != LEAF) {
        double c = center[n];
        if (hi < c) {
          n = left[n];
          continue;
        }
        if (lo > c) {
          n = right[n];
          continue;
        }
      }
      int from = start[n];
      int to = start[n + 1];
      int slot = findInSlice(item, lo, identityHash, from, to);
      return slot >= 0 && hasUpperBound(n, slot, hi, from, to) ? slot : -1;
    }
    return -1;
  }

  /** Whether the interval in {@code slot} of node n has upper bound {@code key}. */
  private boolean hasUpperBound(int n, int slot, double key, int from, int to) {
    if (left[n] == LEAF) {
      return hi[slot] == key;
    }
    int a = from;
    int b = to;
    while (a < b) { // the hi-sorted slice is ordered by (hi, slot)
      int m = (a + b) >>> 1;
      if (hi[m] < key || (hi[m] == key && hiSlot[m] < slot)) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    return a < to && hi[a] == key && hiSlot[a] == slot;
  }

  private int findInSlice(Object item, double key, int hash, int from, int to) {
    int a = from;
    int b = to;
    while (a < b) { // first slot not below (key, hash)
      int m = (a + b) >>> 1;
      double k = lo[m];
      if (k < key || (k == key && System.identityHashCode(items[m]) < hash)) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    for (int i = a; i < to && lo[i] == key && System.identityHashCode(items[i]) == hash; i++) {
      if (items[i] == item && isLive(i)) {
        return i;
      }
    }
    return -1;
  }

  /** Changes the direct id of a slot found by {@link #find}; writer only. */
  void setDirect(int slot, String id) {
    direct[slot] = id;
    hiDirect[hiIndex[slot]] = id;
  }

  /** Marks a slot found by {@link #find} as removed; writer only. */
  void kill(int slot) {
    dead[slot >>> 5] |= 1 << slot;
    deadCount++;
  }

  /** Appends the live intervals to the arrays from {@code at}; returns the next free index. */
  int copyLiveTo(Object[] outItems, double[] outLo, double[] outHi, int at) {
    for (int j = 0; j < hiSlot.length; j++) {
      int i = hiSlot[j];
      if (isLive(i)) {
        outItems[at] = hiItems[j];
        outLo[at] = lo[i];
        outHi[at] = hi[j];
        at++;
      }
    }
    return at;
  }

  private boolean isLive(int slot) {
    return (dead[slot >>> 5] & (1 << slot)) == 0;
  }

  /** Builds the flattened tree recursively, one node per call, in preorder. */
  private static final class Builder {
    private final Object[] srcItems;
    private final double[] srcLo;
    private final double[] srcHi;
    private final int count;

    /** Source indexes; a node's set is a range of it, in (lo, identity hash) order. */
    private final int[] order;
    private final int[] rightBuffer;
    private final double[] keys;
    private final long[] payloads;
    private final double[] scratchKeys;
    private final long[] scratchPayloads;

    private final double[] center;
    private final int[] left;
    private final int[] right;
    private final int[] start;
    private final Object[] items;
    private final double[] lo;
    private final double[] hi;
    private final int[] hiSlot;
    private int nodes;
    private int slots;

    Builder(Object[] srcItems, double[] srcLo, double[] srcHi, int count) {
      this.srcItems = srcItems;
      this.srcLo = srcLo;
      this.srcHi = srcHi;
      this.count = count;
      order = new int[count];
      rightBuffer = new int[count];
      keys = new double[count];
      payloads = new long[count];
      scratchKeys = new double[count];
      scratchPayloads = new long[count];
      // Every node owns at least one interval, so there are at most count nodes.
      center = new double[count];
      left = new int[count];
      right = new int[count];
      start = new int[count + 1];
      items = new Object[count];
      lo = new double[count];
      hi = new double[count];
      hiSlot = new int[count];
    }

    <T> StaticIntervalTree<T> build(Function<Object, String> directIdOf) {
      for (int i = 0; i < count; i++) {
        keys[i] = srcLo[i];
        payloads[i] = ((long) System.identityHashCode(srcItems[i]) << 32) | i;
      }
      IntervalSort.sort(keys, payloads, 0, count, scratchKeys, scratchPayloads);
      for (int i = 0; i < count; i++) {
        order[i] = (int) payloads[i];
      }
      node(0, count);
      start[nodes] = slots;
      return new StaticIntervalTree<>(Arrays.copyOf(center, nodes), Arrays.copyOf(left, nodes),
          Arrays.copyOf(right, nodes), Arrays.copyOf(start, nodes + 1), items, lo, hi, hiSlot, directIdOf);
    }

    /** Builds the subtree over {@code order[from, to)} and returns its root, or NONE if empty. */
    private int node(int from, int to) {
      if (from == to) {
        return NONE;
      }
      int n = nodes++;
      start[n] = slots;
      if (to - from <= LEAF_SIZE) {
        left[n] = LEAF;
        right[n] = NONE;
        center[n] = Double.NaN;
        for (int k = from; k < to; k++) {
          int slot = place(order[k]);
          hi[slot] = srcHi[order[k]];
          hiSlot[slot] = slot;
        }
        return n;
      }
      // The median lower bound: at most half the set lies entirely below it (their lower bounds
      // sort before it) and fewer than half entirely above, and its own interval contains it.
      double c = srcLo[order[from + (to - from) / 2]];
      center[n] = c;
      int below = from;
      int above = 0;
      int owned = 0;
      for (int k = from; k < to; k++) {
        int idx = order[k];
        if (srcHi[idx] < c) {
          order[below++] = idx; // stable, so the left subset stays sorted by lo
        } else if (srcLo[idx] > c) {
          rightBuffer[above++] = idx;
        } else {
          keys[owned] = srcHi[idx];
          payloads[owned] = place(idx);
          owned++;
        }
      }
      // Sorted by (hi, slot): find() relies on the slot tie-break to locate one interval.
      IntervalSort.sort(keys, payloads, 0, owned, scratchKeys, scratchPayloads);
      int first = start[n];
      for (int j = 0; j < owned; j++) {
        hi[first + j] = keys[j];
        hiSlot[first + j] = (int) payloads[j];
      }
      System.arraycopy(rightBuffer, 0, order, below, above);
      left[n] = node(from, below);
      right[n] = node(below, below + above);
      return n;
    }

    private int place(int idx) {
      int slot = slots++;
      items[slot] = srcItems[idx];
      lo[slot] = srcLo[idx];
      return slot;
    }
  }
}
