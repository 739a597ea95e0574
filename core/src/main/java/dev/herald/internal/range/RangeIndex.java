package dev.herald.internal.range;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A stabbing index over closed intervals of doubles: which intervals contain x? Built for many
 * intervals per field and many more queries than changes (Bentley–Saxe levels of static centered
 * interval trees, deletions marked and compacted), so a query costs O(log² n + k).
 *
 * <p>Design (the logarithmic method). New intervals go to a small unsorted tail of at most {@value
 * #TAIL_CAPACITY}. When the tail is full it is merged like a binary carry with levels 0, 1, … up to
 * the first empty level j, and the merged intervals become level j: one {@link StaticIntervalTree}
 * built from scratch. Level i holds at most {@value #TAIL_CAPACITY}·2^i intervals, so there are
 * O(log n) levels and each interval is rebuilt O(log n) times over its life. Removing an interval
 * from a level only marks it; a level more than half marked is rebuilt without the marks (or
 * dropped), which costs O(log n) amortized per removal and keeps marked slots below half of a level.
 *
 * <p>Costs: a stab visits one root-to-leaf path per level and scans only matching entries, O(log² n
 * + k) for k hits, allocating nothing. An add is amortized O(log² n) (sorting during rebuilds); a
 * remove is O(log² n), mostly binary searches to find the interval from its bounds. Memory is
 * about 45 bytes per interval beyond the item (two references, both bounds, two back pointers, two
 * references to its direct id, node arrays); a rebuild briefly needs about 100 bytes per merged
 * interval.
 *
 * <p>Bounds are only ever compared with {@code <}, {@code <=} and {@code ==} (sorting included), so
 * -0.0 and 0.0 are the same bound, whether stabbed, stored or named on removal.
 *
 * <p>Thread-safety: any number of threads may {@link #stab} while one thread at a time adds or
 * removes (the caller serializes writers); a query never blocks. Readers see an immutable {@link
 * Levels} snapshot published with one volatile write per change, so a stab reports each item at
 * most once, reports every item present for its whole duration, and reports an item being added or
 * removed concurrently either way. Queries allocate nothing.
 */
public final class RangeIndex<T> {
  /** Largest tail, and the size of level 0. */
  static final int TAIL_CAPACITY = 32;
  private static final int FIRST_TAIL_CAPACITY = 4;

  private static final VarHandle COMPACTION_CLAIMED;

  static {
    try {
      COMPACTION_CLAIMED = MethodHandles.lookup().findVarHandle(RangeIndex.class, "compactionClaimed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Written by the writer only, read by everyone. */
  private volatile Levels<T> levels = Levels.empty();
  private final Function<Object, String> directIdOf;
  @SuppressWarnings("unused") // through COMPACTION_CLAIMED
  private volatile boolean compactionClaimed;

  /** An index whose items have no direct ids. */
  public RangeIndex() {
    this(item -> null);
  }

  /**
   * An index that keeps, with each item in its static levels, the owner's direct id for it, reported
   * with hits strictly inside ({@link RangeHits#insideRun}). {@code directIdOf} is asked, by the
   * writer, for the id of each item a rebuild places; the writer reports later changes through
   * {@link #setDirect}.
   */
  @SuppressWarnings("unchecked")
  public RangeIndex(Function<? super T, String> directIdOf) {
    this.directIdOf = item -> directIdOf.apply((T) item);
  }

  /** Adds [lo, hi] (lo may be -infinity, hi +infinity; lo &lt;= hi). The same item is never added twice. */
  public void add(T item, double lo, double hi) {
    Objects.requireNonNull(item, "item");
    if (!(lo <= hi)) {
      throw new IllegalArgumentException("Bad interval [" + lo + ", " + hi + "]");
    }
    Levels<T> current = levels;
    Object[] items = current.tailItems;
    double[] los = current.tailLo;
    double[] his = current.tailHi;
    int n = current.tailCount;
    StaticIntervalTree<?>[] trees = current.trees;
    if (n == items.length) {
      // Readers of older snapshots may still scan the old arrays: replace them, never overwrite.
      if (n == TAIL_CAPACITY) {
        trees = carry(current);
        n = 0;
        items = new Object[TAIL_CAPACITY];
        los = new double[TAIL_CAPACITY];
        his = new double[TAIL_CAPACITY];
      } else {
        int capacity = Math.min(TAIL_CAPACITY, Math.max(FIRST_TAIL_CAPACITY, 2 * n));
        items = Arrays.copyOf(items, capacity);
        los = Arrays.copyOf(los, capacity);
        his = Arrays.copyOf(his, capacity);
      }
    }
    items[n] = item;
    los[n] = lo;
    his[n] = hi;
    levels = new Levels<>(items, los, his, n + 1, trees, current.size + 1);
  }

  /**
   * Records a new direct id for an item added with these bounds (ignored when unknown); writer only.
   * O(levels · log n). An item in the unsorted tail has no copy to change: its hits report the item.
   */
  public void setDirect(T item, double lo, double hi, String id) {
    if (item == null || !(lo <= hi)) {
      return;
    }
    int hash = System.identityHashCode(item);
    for (StaticIntervalTree<T> tree : levels.trees) {
      int slot = tree == null ? -1 : tree.find(item, lo, hi, hash);
      if (slot >= 0) {
        tree.setDirect(slot, id);
        return;
      }
    }
  }

  /** Removes an item added with these bounds; unknown items are ignored. */
  public void remove(T item, double lo, double hi) {
    if (item == null || !(lo <= hi)) {
      return;
    }
    Levels<T> current = levels;
    for (int i = 0; i < current.tailCount; i++) {
      if (current.tailItems[i] == item && current.tailLo[i] == lo && current.tailHi[i] == hi) {
        levels = withoutTailEntry(current, i);
        return;
      }
    }
    int hash = System.identityHashCode(item);
    StaticIntervalTree<T>[] trees = current.trees;
    for (int j = 0; j < trees.length; j++) {
      StaticIntervalTree<T> tree = trees[j];
      int slot = tree == null ? -1 : tree.find(item, lo, hi, hash);
      if (slot >= 0) {
        tree.kill(slot);
        StaticIntervalTree<?>[] next = trees;
        if (2 * tree.deadCount() > tree.size()) {
          next = trees.clone();
          next[j] = tree.liveCount() == 0 ? null : rebuild(tree);
        }
        // Also publishes the mark to readers that start after this call returns.
        levels = current.withTrees(next, current.size - 1);
        return;
      }
    }
  }

  /** Calls {@code hits} exactly once for each item with lo &lt;= x &lt;= hi. NaN stabs nothing. */
  public void stab(double x, Consumer<? super T> hits) {
    stab(x, RangeHits.of(hits));
  }

  /**
   * Reports each item with lo &lt;= x &lt;= hi exactly once, as {@linkplain RangeHits#inside inside}
   * when lo &lt; x &lt; hi, else {@linkplain RangeHits#onBound on a bound}. NaN stabs nothing.
   */
  @SuppressWarnings("unchecked")
  public void stab(double x, RangeHits<? super T> hits) {
    if (x != x) {
      return;
    }
    Levels<T> snapshot = levels;
    Object[] items = snapshot.tailItems;
    double[] los = snapshot.tailLo;
    double[] his = snapshot.tailHi;
    for (int i = 0, n = snapshot.tailCount; i < n; i++) {
      if (los[i] <= x && x <= his[i]) {
        if (los[i] == x || his[i] == x) {
          hits.onBound((T) items[i]);
        } else {
          hits.inside((T) items[i]);
        }
      }
    }
    for (StaticIntervalTree<T> tree : snapshot.trees) {
      if (tree != null) {
        tree.stab(x, hits);
      }
    }
  }

  /**
   * Whether a stab visits several structures (the tail and levels left by recent changes), so that
   * {@link #compact()} would make it cheaper. Any thread; one volatile read.
   */
  public boolean isFragmented() {
    return levels.fragmented;
  }

  /**
   * Claims the right to schedule a compaction: true for one caller until {@link #compact()} runs.
   * Any thread.
   */
  public boolean claimCompaction() {
    return COMPACTION_CLAIMED.compareAndSet(this, false, true);
  }

  /**
   * Rebuilds everything into one tree, so that a stab walks one root-to-leaf path: O(n log n) time,
   * about 100 bytes per interval of transient memory. Writer only (the caller serializes it with
   * changes); concurrent stabs see the old structure or the new one, never a mix. Changes the
   * structure only, never what a stab reports.
   */
  public void compact() {
    compactionClaimed = false;
    Levels<T> current = levels;
    if (!current.fragmented) {
      return;
    }
    int total = current.tailCount;
    for (StaticIntervalTree<T> tree : current.trees) {
      if (tree != null) {
        total += tree.liveCount();
      }
    }
    Object[] items = new Object[total];
    double[] lo = new double[total];
    double[] hi = new double[total];
    int at = current.tailCount;
    System.arraycopy(current.tailItems, 0, items, 0, at);
    System.arraycopy(current.tailLo, 0, lo, 0, at);
    System.arraycopy(current.tailHi, 0, hi, 0, at);
    for (StaticIntervalTree<T> tree : current.trees) {
      if (tree != null) {
        at = tree.copyLiveTo(items, lo, hi, at);
      }
    }
    // The one tree takes the first level large enough, so later carries keep the level invariant.
    int level = 0;
    while ((long) TAIL_CAPACITY << level < total) {
      level++;
    }
    StaticIntervalTree<?>[] trees = new StaticIntervalTree<?>[level + 1];
    trees[level] = StaticIntervalTree.build(items, lo, hi, total, directIdOf);
    levels = new Levels<>(new Object[FIRST_TAIL_CAPACITY], new double[FIRST_TAIL_CAPACITY],
        new double[FIRST_TAIL_CAPACITY], 0, trees, current.size);
  }

  /** Intervals present; exact for the writer, a recent value for other threads. */
  public int size() {
    return levels.size;
  }

  /** Merges the full tail with levels 0..j-1 into level j, the first empty one. */
  private StaticIntervalTree<?>[] carry(Levels<?> current) {
    StaticIntervalTree<?>[] trees = current.trees;
    int j = 0;
    int total = current.tailCount;
    while (j < trees.length && trees[j] != null) {
      total += trees[j].liveCount();
      j++;
    }
    Object[] items = new Object[total];
    double[] lo = new double[total];
    double[] hi = new double[total];
    int at = current.tailCount;
    System.arraycopy(current.tailItems, 0, items, 0, at);
    System.arraycopy(current.tailLo, 0, lo, 0, at);
    System.arraycopy(current.tailHi, 0, hi, 0, at);
    for (int i = 0; i < j; i++) {
      at = trees[i].copyLiveTo(items, lo, hi, at);
    }
    StaticIntervalTree<?>[] next = Arrays.copyOf(trees, Math.max(trees.length, j + 1));
    Arrays.fill(next, 0, j, null);
    next[j] = StaticIntervalTree.build(items, lo, hi, total, directIdOf);
    return next;
  }

  private StaticIntervalTree<?> rebuild(StaticIntervalTree<?> tree) {
    int n = tree.liveCount();
    Object[] items = new Object[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    tree.copyLiveTo(items, lo, hi, 0);
    return StaticIntervalTree.build(items, lo, hi, n, directIdOf);
  }

  private static <T> Levels<T> withoutTailEntry(Levels<T> current, int i) {
    int n = current.tailCount;
    int capacity = current.tailItems.length;
    Object[] items = new Object[capacity];
    double[] lo = new double[capacity];
    double[] hi = new double[capacity];
    System.arraycopy(current.tailItems, 0, items, 0, i);
    System.arraycopy(current.tailItems, i + 1, items, i, n - i - 1);
    System.arraycopy(current.tailLo, 0, lo, 0, i);
    System.arraycopy(current.tailLo, i + 1, lo, i, n - i - 1);
    System.arraycopy(current.tailHi, 0, hi, 0, i);
    System.arraycopy(current.tailHi, i + 1, hi, i, n - i - 1);
    return current.withTail(items, lo, hi, n - 1, current.size - 1);
  }
}
