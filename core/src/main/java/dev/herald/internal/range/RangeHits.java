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
