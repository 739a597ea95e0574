package dev.herald.internal.regex;

import java.util.Arrays;

/**
 * An immutable view of the first {@link #size} elements of an array, for one writer and lock-free
 * readers. Appending writes the next array slot in place and returns a new view: readers holding
 * the old view never look at that slot, and a reader given the new view through a volatile or
 * release write sees it filled. Removing copies into a new array, so an array slot below a
 * published size is never written again.
 *
 * <p>Only the newest view of an array may be appended to; the writer keeps that one.
 */
final class Snapshot {
  static final Snapshot EMPTY = new Snapshot(new Object[0], 0);

  final Object[] elements;
  final int size;

  private Snapshot(Object[] elements, int size) {
    this.elements = elements;
    this.size = size;
  }

  /** Amortized O(1). */
  Snapshot with(Object e) {
    Object[] a = elements;
    if (size == a.length) {
      a = Arrays.copyOf(a, Math.max(4, size * 2));
    }
    a[size] = e;
    return new Snapshot(a, size + 1);
  }

  /** O(size); this view when {@code e} is absent (by {@code equals}). */
  Snapshot without(Object e) {
    int at = indexOf(e);
    if (at < 0) {
      return this;
    }
    if (size == 1) {
      return EMPTY;
    }
    Object[] a = new Object[Math.max(4, size - 1)];
    System.arraycopy(elements, 0, a, 0, at);
    System.arraycopy(elements, at + 1, a, at, size - at - 1);
    return new Snapshot(a, size - 1);
  }

  int indexOf(Object e) {
    for (int i = 0; i < size; i++) {
      if (elements[i].equals(e)) {
        return i;
      }
    }
    return -1;
  }
}
