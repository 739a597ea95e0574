package dev.herald.internal.range;

import java.util.Arrays;

/**
 * What a {@link RangeIndex} reader sees: a small unsorted tail plus the static levels, published as
 * one object through a single volatile write.
 *
 * <p>Immutability: the fields never change, the {@link #trees} array is never written after
 * publication, and the tail arrays are only ever written beyond {@link #tailCount} (appends for the
 * next snapshot), so everything a reader can reach through a snapshot stays as it was, except the
 * trees' removal marks.
 */
final class Levels<T> {
  private static final StaticIntervalTree<?>[] NO_TREES = new StaticIntervalTree<?>[0];
  private static final Levels<?> EMPTY =
      new Levels<>(new Object[0], new double[0], new double[0], 0, NO_TREES, 0);

  final Object[] tailItems;
  final double[] tailLo;
  final double[] tailHi;
  /** Entries of the tail arrays that belong to this snapshot. */
  final int tailCount;
  /** Level i holds at most TAIL_CAPACITY * 2^i intervals, or is null; no trailing nulls. */
  final StaticIntervalTree<T>[] trees;
  final int size;
  /** Whether a stab visits more than one structure (the tail, or a second tree). */
  final boolean fragmented;

  Levels(Object[] tailItems, double[] tailLo, double[] tailHi, int tailCount,
      StaticIntervalTree<?>[] trees, int size) {
    this.tailItems = tailItems;
    this.tailLo = tailLo;
    this.tailHi = tailHi;
    this.tailCount = tailCount;
    this.trees = cast(trimmed(trees));
    this.size = size;
    int structures = tailCount > 0 ? 1 : 0;
    for (StaticIntervalTree<T> t : this.trees) {
      if (t != null) {
        structures++;
      }
    }
    this.fragmented = structures > 1;
  }

  @SuppressWarnings("unchecked")
  static <T> Levels<T> empty() {
    return (Levels<T>) EMPTY;
  }

  /** The same levels with another tail. */
  Levels<T> withTail(Object[] items, double[] lo, double[] hi, int count, int newSize) {
    return new Levels<>(items, lo, hi, count, trees, newSize);
  }

  /** The same tail with other levels. */
  Levels<T> withTrees(StaticIntervalTree<?>[] newTrees, int newSize) {
    return new Levels<>(tailItems, tailLo, tailHi, tailCount, newTrees, newSize);
  }

  private static StaticIntervalTree<?>[] trimmed(StaticIntervalTree<?>[] trees) {
    int n = trees.length;
    while (n > 0 && trees[n - 1] == null) {
      n--;
    }
    if (n == 0) {
      return NO_TREES;
    }
    return n == trees.length ? trees : Arrays.copyOf(trees, n);
  }

  @SuppressWarnings("unchecked")
  private static <T> StaticIntervalTree<T>[] cast(StaticIntervalTree<?>[] trees) {
    return (StaticIntervalTree<T>[]) trees;
  }
}
