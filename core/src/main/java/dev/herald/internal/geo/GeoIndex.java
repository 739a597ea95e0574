package dev.herald.internal.geo;

import java.util.function.Consumer;

/**
 * Finds the items whose shape contains a point without testing every shape: a multi-level grid over
 * shape bounding boxes, then the exact test on the few candidates.
 *
 * <p>Thread-safety: any number of threads may {@link #query} while one thread at a time (the caller
 * serializes writers) adds or removes; a query never blocks and sees each item either entirely or not
 * at all. Queries allocate nothing on the common path. CONTRACT (implemented by the geo work item).
 */
public final class GeoIndex<T> {
  /** Adds an item (identity matters: the same item may not be added twice). */
  public void add(T item, GeoShape shape) {
    throw new UnsupportedOperationException("contract");
  }

  /** Removes an item added with this shape; unknown items are ignored. */
  public void remove(T item, GeoShape shape) {
    throw new UnsupportedOperationException("contract");
  }

  /** Calls {@code hits} once for each item whose shape contains {@code p}. */
  public void query(GeoPoint p, Consumer<? super T> hits) {
    throw new UnsupportedOperationException("contract");
  }

  public boolean isEmpty() {
    throw new UnsupportedOperationException("contract");
  }
}
