package dev.herald.internal.match;

import java.util.Arrays;

/**
 * A list written by one thread at a time and read by many without locks: appends go in place into
 * spare capacity (readers stop at the first null), removals leave a tombstone (or rely on the
 * member's own {@code dead} flag), and the array is compacted into a new one once half of it is
 * garbage. A reader iterates the array it loaded: it sees every member added before the last
 * publication it synchronized with (the partition's version), and never a torn state.
 *
 * <p>Appending is amortized O(1); removing a dead member is O(1), removing a live one O(n).
 */
final class Members {
  static final Object TOMBSTONE = new Object();
  private static final Object[] EMPTY = new Object[0];

  /** Read by readers; replaced wholesale on growth and compaction. */
  volatile Object[] items = EMPTY;
  private int size; // slots used, tombstones and dead members included
  private int garbage;

  /** Appends a member; the caller holds the partition's write lock. */
  void add(Member m) {
    Object[] a = items;
    if (size == a.length) {
      a = compactInto(Math.max(2, (size - garbage) * 2));
      items = a;
    }
    a[size++] = m;
  }

  /** Records that a member which is already {@link Member#dead dead} left the list. */
  void removedDead() {
    garbage++;
    maybeCompact();
  }

  /** Removes a member that stays alive elsewhere (a condition leaving one index posting). */
  void remove(Member m) {
    Object[] a = items;
    for (int i = 0; i < size; i++) {
      if (a[i] == m) {
        a[i] = TOMBSTONE;
        garbage++;
        maybeCompact();
        return;
      }
    }
  }

  /** Live members (approximate while readers run; exact for the writer). */
  int liveCount() {
    return size - garbage;
  }

  boolean isEmpty() {
    return size == garbage;
  }

  private void maybeCompact() {
    if (garbage > 4 && garbage * 2 > size) {
      items = compactInto(Math.max(2, (size - garbage) * 2));
    } else if (garbage == size && size > 0) {
      items = EMPTY;
      size = 0;
      garbage = 0;
    }
  }

  private Object[] compactInto(int capacity) {
    Object[] a = items;
    Object[] b = new Object[capacity];
    int n = 0;
    for (int i = 0; i < size; i++) {
      Object o = a[i];
      if (o != TOMBSTONE && !((Member) o).dead) {
        b[n++] = o;
      }
    }
    size = n;
    garbage = 0;
    return b;
  }

  @Override
  public String toString() {
    return Arrays.toString(items);
  }
}
