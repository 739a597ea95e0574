package dev.herald.internal.range;

import java.util.function.Consumer;

/**
 * A stabbing index over closed intervals of doubles: which intervals contain x? Built for many
 * intervals per field and many more queries than changes (Bentley–Saxe levels of static centered
 * interval trees, deletions marked and compacted), so a query costs O(log² n + k).
 *
 * <p>Thread-safety: any number of threads may {@link #stab} while one thread at a time adds or
 * removes (the caller serializes writers); a query never blocks. Queries allocate nothing.
 * CONTRACT (implemented by the range work item).
 */
public final class RangeIndex<T> {
  /** Adds [lo, hi] (lo may be -infinity, hi +infinity; lo &lt;= hi). The same item is never added twice. */
  public void add(T item, double lo, double hi) {
    throw new UnsupportedOperationException("contract");
  }

  /** Removes an item added with these bounds; unknown items are ignored. */
  public void remove(T item, double lo, double hi) {
    throw new UnsupportedOperationException("contract");
  }

  /** Calls {@code hits} exactly once for each item with lo &lt;= x &lt;= hi. NaN stabs nothing. */
  public void stab(double x, Consumer<? super T> hits) {
    throw new UnsupportedOperationException("contract");
  }

  public int size() {
    throw new UnsupportedOperationException("contract");
  }
}
