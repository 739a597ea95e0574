package dev.herald.internal.match;

import java.util.Arrays;

/**
 * Dense small integer ids with reuse, for per-thread scratch arrays. A reused id may still be in use
 * by a reader holding the old owner; readers therefore check the owner's identity next to the id.
 * Thread-safe.
 */
final class IdAllocator {
  private int next;
  private int[] free = new int[16];
  private int freeCount;

  synchronized int allocate() {
    return freeCount > 0 ? free[--freeCount] : next++;
  }

  synchronized void release(int id) {
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = id;
  }

  /** One more than the largest id handed out so far. */
  synchronized int bound() {
    return next;
  }
}
