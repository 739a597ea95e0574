package dev.herald.internal.geo;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Finds the items whose shape contains a point without testing every shape: a multi-level grid over
 * shape bounding boxes, then the exact test on the few candidates.
 *
 * <p>Level k cuts the globe into square cells of 180/2^k degrees (2^k rows, 2^(k+1) columns), for k
 * from 0 to {@value #MAX_LEVEL} (about 1 m). An item is filed under the cells that its shape's
 * conservative bounding box touches, at the finest level whose cells are at least as large as the
 * box: at most 2 x 2 cells, plus, for a box that reaches a pole, the cell where points at that pole
 * are looked up. A query visits, at each level in use, the one cell holding the point, and
 * runs the exact test on the items found there; since an item lives at one level only, it is found
 * (and reported) at most once. Cells are kept in a {@link LongTable} keyed by (level, row, column).
 *
 * <p>Thread-safety: any number of threads may {@link #query} while one thread at a time (the caller
 * serializes writers) adds or removes; a query never blocks and sees each item either entirely or not
 * at all; an item present during the whole query is always seen. Cells hold append-only arrays whose
 * length is published last, and removal publishes a new array, so a reader's view of a cell is always
 * a consistent one. Queries allocate nothing on the common path (a query run from inside another
 * query's callback allocates one small probe).
 *
 * <p>Cost: a query costs one table lookup per level in use plus the exact tests of the candidates; an
 * add or a remove costs a few lookups plus, at worst, copying the arrays of the cells it changes.
 */
public final class GeoIndex<T> {
  /** The finest level: cells of 180/2^24 degrees, about 1.2 m. */
  static final int MAX_LEVEL = 24;

  /** The longitude at which points at a pole are looked up. */
  private static final double POLE_LONGITUDE = 0;

  private static final ThreadLocal<Probe> PROBES = ThreadLocal.withInitial(Probe::new);

  private final LongTable<Bucket> cells = new LongTable<>();
  /** Bit k is set while some item lives at level k. */
  private volatile int levels;
  private volatile int size;
  /** Items per level; writer only. */
  private final int[] perLevel = new int[MAX_LEVEL + 1];

  /** Adds an item (identity matters: the same item may not be added twice). */
  public void add(T item, GeoShape shape) {
    Objects.requireNonNull(item, "item");
    Bounds b = shape.bounds();
    int level = levelFor(b);
    for (long key : keys(b, level)) {
      Bucket bucket = cells.get(key);
      if (bucket == null || !bucket.tryAppend(item, shape)) {
        cells.put(key, Bucket.copyWith(bucket, item, shape));
      }
    }
    // The level becomes visible to queries only once the item is in its cells.
    if (perLevel[level]++ == 0) {
      levels = levels | (1 << level);
    }
    size = size + 1;
  }

  /**
   * Removes an item added with this shape (or an equal one); unknown items are ignored.
   */
  public void remove(T item, GeoShape shape) {
    Bounds b = shape.bounds();
    int level = levelFor(b);
    boolean found = false;
    for (long key : keys(b, level)) {
      Bucket bucket = cells.get(key);
      int index = bucket == null ? -1 : bucket.indexOf(item);
      if (index >= 0) {
        found = true;
        Bucket rest = bucket.copyWithout(index);
        if (rest == null) {
          cells.remove(key);
        } else {
          cells.put(key, rest);
        }
      }
    }
    if (found) {
      if (--perLevel[level] == 0) {
        levels = levels & ~(1 << level);
      }
      size = size - 1;
    }
  }

  /** Calls {@code hits} once for each item whose shape contains {@code p}. */
  @SuppressWarnings("unchecked")
  public void query(GeoPoint p, Consumer<? super T> hits) {
    int mask = levels;
    if (mask == 0 || p == null) {
      return;
    }
    Probe probe = PROBES.get();
    if (probe.busy) {
      probe = new Probe(); // a query from inside a callback of another query on this thread
    }
    if (!probe.set(p)) {
      return;
    }
    probe.busy = true;
    try {
      double latUnit = latUnit(probe.lat);
      // A pole has every longitude: it is looked up at one, under which shapes reaching it are filed.
      double lonUnit = lonUnit(Math.abs(probe.lat) == 90 ? POLE_LONGITUDE : probe.lon);
      for (int m = mask; m != 0; m &= m - 1) {
        int level = Integer.numberOfTrailingZeros(m);
        Bucket bucket = cells.get(key(level, row(latUnit, level), column(lonUnit, level)));
        if (bucket != null) {
          int n = bucket.size();
          Object[] items = bucket.items;
          GeoShape[] shapes = bucket.shapes;
          for (int i = 0; i < n; i++) {
            if (shapes[i].test(probe)) {
              hits.accept((T) items[i]);
            }
          }
        }
      }
    } finally {
      probe.busy = false;
    }
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The number of items. */
  int size() {
    return size;
  }

  // ---- the grid -------------------------------------------------------------------------------

  /** The finest level whose cells are at least as large as the box in both directions. */
  static int levelFor(Bounds b) {
    double extent = Math.max(b.north - b.south, b.allLongitudes() ? 360 : b.width);
    int level = 0;
    while (level < MAX_LEVEL && 180.0 / (1 << (level + 1)) >= extent) {
      level++;
    }
    return level;
  }

  /** The keys of the cells the box touches at a level (at most 4 when the level fits the box). */
  static long[] keys(Bounds b, int level) {
    int firstRow = row(latUnit(b.south), level);
    int lastRow = row(latUnit(b.north), level);
    int columns = 2 << level;
    int[] ranges; // pairs of first and last column
    if (b.allLongitudes()) {
      ranges = new int[] {0, columns - 1};
    } else {
      double east = b.west + b.width;
      if (east < 180) {
        ranges = new int[] {column(lonUnit(b.west), level), column(lonUnit(east), level)};
      } else {
        ranges = new int[] {column(lonUnit(b.west), level), columns - 1,
            0, column(lonUnit(Math.min(east - 360, 180)), level)};
      }
    }
    int columnCount = 0;
    for (int r = 0; r < ranges.length; r += 2) {
      columnCount += ranges[r + 1] - ranges[r] + 1;
    }
    long[] keys = new long[(lastRow - firstRow + 1) * columnCount + 2];
    int count = 0;
    for (int row = firstRow; row <= lastRow; row++) {
      for (int r = 0; r < ranges.length; r += 2) {
        for (int column = ranges[r]; column <= ranges[r + 1]; column++) {
          count = addOnce(keys, count, key(level, row, column));
        }
      }
    }
    int poleColumn = column(lonUnit(POLE_LONGITUDE), level);
    if (b.north >= 90) {
      count = addOnce(keys, count, key(level, lastRow, poleColumn));
    }
    if (b.south <= -90) {
      count = addOnce(keys, count, key(level, firstRow, poleColumn));
    }
    return java.util.Arrays.copyOf(keys, count);
  }

  /** Appends a key unless present. */
  private static int addOnce(long[] keys, int count, long key) {
    for (int i = 0; i < count; i++) {
      if (keys[i] == key) {
        return count;
      }
    }
    keys[count] = key;
    return count + 1;
  }

  private static double latUnit(double lat) {
    return (lat + 90) / 180;
  }

  private static double lonUnit(double lon) {
    return (lon + 180) / 360;
  }

  /** Row of a latitude mapped to [0, 1]; scaling by a power of two is exact, so rows nest. */
  private static int row(double latUnit, int level) {
    return Math.min((int) (latUnit * (1 << level)), (1 << level) - 1);
  }

  private static int column(double lonUnit, int level) {
    return Math.min((int) (lonUnit * (2 << level)), (2 << level) - 1);
  }

  private static long key(int level, int row, int column) {
    return 1L << 62 | (long) level << 56 | (long) row << 28 | column;
  }

  /**
   * The items of one cell: arrays filled up to {@code size}, which is written after the slots it
   * covers; only ever appended to in place, otherwise replaced by a copy.
   */
  private static final class Bucket {
    final Object[] items;
    final GeoShape[] shapes;
    private volatile int size;

    private Bucket(int capacity) {
      items = new Object[capacity];
      shapes = new GeoShape[capacity];
    }

    int size() {
      return size;
    }

    /** Appends in place when there is room (readers see the new item once size covers it). */
    boolean tryAppend(Object item, GeoShape shape) {
      int n = size;
      if (n == items.length) {
        return false;
      }
      items[n] = item;
      shapes[n] = shape;
      size = n + 1;
      return true;
    }

    /** A new bucket with the items of {@code from} (which may be null) and one more. */
    static Bucket copyWith(Bucket from, Object item, GeoShape shape) {
      int n = from == null ? 0 : from.size;
      Bucket b = new Bucket(Math.max(2, n * 2));
      if (from != null) {
        System.arraycopy(from.items, 0, b.items, 0, n);
        System.arraycopy(from.shapes, 0, b.shapes, 0, n);
      }
      b.items[n] = item;
      b.shapes[n] = shape;
      b.size = n + 1;
      return b;
    }

    int indexOf(Object item) {
      int n = size;
      for (int i = 0; i < n; i++) {
        if (items[i] == item) {
          return i;
        }
      }
      return -1;
    }

    /** A new bucket without the item at {@code index}, or null when none would be left. */
    Bucket copyWithout(int index) {
      int n = size;
      if (n == 1) {
        return null;
      }
      Bucket b = new Bucket(n - 1 + Math.max(1, (n - 1) / 4));
      System.arraycopy(items, 0, b.items, 0, index);
      System.arraycopy(items, index + 1, b.items, index, n - 1 - index);
      System.arraycopy(shapes, 0, b.shapes, 0, index);
      System.arraycopy(shapes, index + 1, b.shapes, index, n - 1 - index);
      b.size = n - 1;
      return b;
    }
  }
}
