package dev.herald.internal.range;

/**
 * Sorts a range of two parallel arrays, double keys and long payloads, by (key, payload) ascending.
 * A bottom-up merge sort: O(n log n) whatever the input, including the many equal keys that shared
 * intervals produce, and sequential over primitive arrays (no boxing, no comparator, no indirection
 * through item references).
 *
 * <p>Keys must not be NaN. Not thread-safe; used by the single writer while building a level.
 */
final class IntervalSort {
  /** Runs shorter than this are insertion-sorted before merging. */
  private static final int RUN = 16;

  private IntervalSort() {}

  /**
   * Sorts {@code keys[from, to)} and {@code payloads[from, to)} together. The scratch arrays must be
   * at least {@code to} long; their content is overwritten.
   */
  static void sort(double[] keys, long[] payloads, int from, int to, double[] scratchKeys,
      long[] scratchPayloads) {
    for (int i = from; i < to; i += RUN) {
      insertionSort(keys, payloads, i, Math.min(i + RUN, to));
    }
    double[] srcK = keys;
    long[] srcP = payloads;
    double[] dstK = scratchKeys;
    long[] dstP = scratchPayloads;
    for (int width = RUN; width < to - from; width <<= 1) {
      for (int lo = from; lo < to; lo += 2 * width) {
        int mid = Math.min(lo + width, to);
        int hi = Math.min(lo + 2 * width, to);
        merge(srcK, srcP, lo, mid, hi, dstK, dstP);
      }
      double[] k = srcK;
      srcK = dstK;
      dstK = k;
      long[] p = srcP;
      srcP = dstP;
      dstP = p;
    }
    if (srcK != keys) {
      System.arraycopy(srcK, from, keys, from, to - from);
      System.arraycopy(srcP, from, payloads, from, to - from);
    }
  }

  private static void insertionSort(double[] keys, long[] payloads, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      double k = keys[i];
      long p = payloads[i];
      int j = i - 1;
      while (j >= from && less(k, p, keys[j], payloads[j])) {
        keys[j + 1] = keys[j];
        payloads[j + 1] = payloads[j];
        j--;
      }
      keys[j + 1] = k;
      payloads[j + 1] = p;
    }
  }

  private static void merge(double[] srcK, long[] srcP, int lo, int mid, int hi, double[] dstK,
      long[] dstP) {
    int i = lo;
    int j = mid;
    int out = lo;
    while (i < mid && j < hi) {
      if (less(srcK[j], srcP[j], srcK[i], srcP[i])) {
        dstK[out] = srcK[j];
        dstP[out++] = srcP[j++];
      } else {
        dstK[out] = srcK[i];
        dstP[out++] = srcP[i++];
      }
    }
    System.arraycopy(srcK, i, dstK, out, mid - i);
    System.arraycopy(srcP, i, dstP, out, mid - i);
    out += mid - i;
    System.arraycopy(srcK, j, dstK, out, hi - j);
    System.arraycopy(srcP, j, dstP, out, hi - j);
  }

  private static boolean less(double k1, long p1, double k2, long p2) {
    return k1 < k2 || (k1 == k2 && p1 < p2);
  }
}
