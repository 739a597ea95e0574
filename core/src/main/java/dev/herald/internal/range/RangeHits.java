package dev.herald.internal.range;

import java.util.function.Consumer;

/**
 * Receives the intervals a {@link RangeIndex#stab stab} finds, told apart by where the stabbing
 * point lies: strictly inside, or on a bound. When the index holds approximations of exact bounds
 * (rounded monotonically, as {@code doubleValue()} does), a point strictly inside proves the exact
 * value inside too, and only a point on a bound needs an exact comparison.
 */
public interface RangeHits<T> {
  /** The point lies strictly between the interval's bounds. */
  void inside(T item);

  /** The point equals one of the interval's bounds (or may: the index need not tell). */
  void onBound(T item);

  /**
   * The items {@code items[from, to)} lie strictly inside; where {@code directIds[i]} is not null it
   * is the direct id the owner gave {@code items[i]} (see {@link RangeIndex#RangeIndex(java.util.function.Function)}),
   * which may be used without touching the item. The arrays belong to the index: read them, never
   * keep or change them. By default, {@link #inside} for each item.
   */
  @SuppressWarnings("unchecked")
  default void insideRun(Object[] items, String[] directIds, int from, int to) {
    for (int i = from; i < to; i++) {
      inside((T) items[i]);
    }
  }

  /** Both kinds of hit to one consumer. */
  static <T> RangeHits<T> of(Consumer<? super T> hits) {
    return new RangeHits<>() {
      @Override
      public void inside(T item) {
        hits.accept(item);
      }

      @Override
      public void onBound(T item) {
        hits.accept(item);
      }
    };
  }
}
