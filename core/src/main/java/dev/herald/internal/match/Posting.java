package dev.herald.internal.match;

/**
 * A list written by one thread at a time and read by many without locks. Most lists hold one
 * member: {@link #items} is then that member itself; with more, an array whose spare capacity takes
 * appends in place (readers stop at the first null). Removals leave a tombstone (or rely on the
 * member's own {@code dead} flag), and the array is compacted into a new one once half of it is
 * garbage. A reader iterates what it loaded: it sees every member added before the last publication
 * it synchronized with (the partition's version), and never a torn state.
 *
 * <p>Conditions are postings themselves (of the conjunctions they give access to), which saves an
 * object per condition; {@link Members} and {@link KeyPosting} are standalone ones. (A conjunction's
 * filters are a {@link FilterPosting}.) Appending is amortized O(1); removing a dead member O(1), a
 * live one O(n).
 */
abstract class Posting extends Member {
  static final Object TOMBSTONE = new Object();

  /** Null, one {@link Member}, or an {@code Object[]} of members; read by readers. */
  volatile Object items;
  private int size; // array slots used, tombstones and dead members included; writer only
  private int garbage;

  /** Appends a member; the caller holds the partition's write lock. */
  final void add(Member m) {
    Object it = items;
    if (it == null) {
      items = m;
      return;
    }
    if (!(it instanceof Object[])) {
      Object[] a = new Object[2];
      a[0] = it;
      a[1] = m;
      size = 2;
      garbage = 0;
      items = a;
      return;
    }
    Object[] a = (Object[]) it;
    if (size == a.length) {
      a = compactInto(a, Math.max(2, (size - garbage) * 2));
      items = a;
    }
    a[size++] = m;
  }

  /** Records that a member which is already {@link Member#dead dead} left the list. */
  final void removedDead() {
    Object it = items;
    if (!(it instanceof Object[])) {
      items = null;
      return;
    }
    garbage++;
    maybeCompact((Object[]) it);
  }

  /** Removes a member that stays alive elsewhere (a condition leaving one index posting). */
  final void remove(Member m) {
    Object it = items;
    if (it == m) {
      items = null;
      return;
    }
    if (!(it instanceof Object[])) {
      return;
    }
    Object[] a = (Object[]) it;
    for (int i = size - 1; i >= 0; i--) { // the most recent first: often the one a writer just added
      if (a[i] == m) {
        if (i == size - 1) {
          a[i] = null; // the last one: shrink instead of leaving garbage
          size--;
        } else {
          a[i] = TOMBSTONE;
          garbage++;
        }
        maybeCompact(a);
        return;
      }
    }
  }

  /** Members not removed; writer only. */
  final int liveCount() {
    Object it = items;
    return it == null ? 0 : it instanceof Object[] ? size - garbage : 1;
  }

  final boolean isEmpty() {
    Object it = items;
    return it == null || (it instanceof Object[] && size == garbage);
  }

  /** The only live member, or null when there are none or several. Writer only. */
  final Member single() {
    Object it = items;
    if (!(it instanceof Object[])) {
      return (Member) it;
    }
    if (size - garbage != 1) {
      return null;
    }
    for (Object o : (Object[]) it) {
      if (o != null && o != TOMBSTONE && !((Member) o).dead) {
        return (Member) o;
      }
    }
    return null;
  }

  private void maybeCompact(Object[] a) {
    if (garbage == size) {
      items = null;
      size = 0;
      garbage = 0;
    } else if (garbage > 4 && garbage * 2 > size) {
      items = compactInto(a, Math.max(2, (size - garbage) * 2));
    }
  }

  private Object[] compactInto(Object[] a, int capacity) {
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
}
