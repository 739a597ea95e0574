package dev.herald.internal.match;

import java.util.function.Function;

/**
 * The conditions filed under one index key (an equality value, an array element, a path's existence)
 * once several share it. A condition whose hit emits one filter at once ({@link Condition#directId}:
 * an equality or existence that is a whole filter by itself) is held not as itself but as that id, in
 * {@link #directIds}: a document reaching the key emits those ids from one contiguous array instead
 * of dereferencing each condition (at a million filters, a cache and TLB miss each). The other
 * conditions are {@link #items}, tested and verified as usual. Every condition filed under the key is
 * in exactly one of the two, which the writer keeps so whenever a direct id changes
 * ({@link #redirect}).
 *
 * <p>{@link #directIds} is read without locks like {@link Posting#items}: appends fill spare capacity
 * in place (readers stop at the first null), removals leave {@link FilterPosting#GONE}, and the array
 * is compacted into a new one once half of it is garbage. Finding a direct id or a condition to
 * remove scans from the most recent entry back: O(1) for the condition just filed by a registration,
 * O(conditions under the key) at worst, as {@link Posting#remove} is.
 */
final class KeyPosting extends Posting {
  /** Null or the direct ids, then nulls; read by readers. */
  volatile String[] directIds;
  private int directSize; // writer only: entries used, gone ones included
  private int directGarbage;

  /** Files a condition under this key: as its direct id when it has one. */
  void addCondition(Condition c) {
    String direct = c.directId;
    if (direct != null) {
      addDirect(direct);
    } else {
      add(c);
    }
  }

  /** Unfiles a condition from this key. */
  void removeCondition(Condition c) {
    String direct = c.directId;
    if (direct != null) {
      removeDirect(direct);
    } else {
      remove(c);
    }
  }

  /** Moves a condition filed here between the two lists: its direct id goes from {@code old} to {@code now}. */
  void redirect(Condition c, String old, String now) {
    if (old == null) {
      remove(c);
      addDirect(now);
    } else if (now == null) {
      removeDirect(old);
      add(c);
    } else {
      String[] a = directIds;
      int i = indexOfDirect(old);
      if (i >= 0) {
        a[i] = now;
      }
    }
  }

  /** How many conditions are filed here; writer only. */
  int conditionCount() {
    return liveCount() + directSize - directGarbage;
  }

  /**
   * The only condition filed here, or null when there are several or none; writer only. A direct id
   * is turned back into its condition by {@code conditionOf}.
   */
  Condition sole(Function<String, Condition> conditionOf) {
    if (conditionCount() != 1) {
      return null;
    }
    if (directSize == directGarbage) {
      return (Condition) single();
    }
    String[] a = directIds;
    for (int i = 0; i < directSize; i++) {
      if (a[i] != FilterPosting.GONE) {
        return conditionOf.apply(a[i]);
      }
    }
    return null;
  }

  private void addDirect(String id) {
    String[] a = directIds;
    if (a == null) {
      a = new String[2];
      directSize = 0;
      directGarbage = 0;
      directIds = a;
    } else if (directSize == a.length) {
      a = compactDirect(a, Math.max(2, (directSize - directGarbage) * 2));
      directIds = a;
    }
    a[directSize++] = id;
  }

  private void removeDirect(String id) {
    int i = indexOfDirect(id);
    if (i < 0) {
      return;
    }
    String[] a = directIds;
    if (i == directSize - 1) {
      a[i] = null;
      directSize--;
    } else {
      a[i] = FilterPosting.GONE;
      directGarbage++;
    }
    if (directSize == directGarbage) {
      directIds = null;
      directSize = 0;
      directGarbage = 0;
    } else if (directGarbage > 4 && directGarbage * 2 > directSize) {
      directIds = compactDirect(a, Math.max(2, (directSize - directGarbage) * 2));
    }
  }

  private int indexOfDirect(String id) {
    String[] a = directIds;
    if (a != null) {
      for (int i = directSize - 1; i >= 0; i--) {
        if (a[i] == id) {
          return i;
        }
      }
    }
    return -1;
  }

  private String[] compactDirect(String[] a, int capacity) {
    String[] b = new String[capacity];
    int n = 0;
    for (int i = 0; i < directSize; i++) {
      if (a[i] != FilterPosting.GONE) {
        b[n++] = a[i];
      }
    }
    directSize = n;
    directGarbage = 0;
    return b;
  }
}
