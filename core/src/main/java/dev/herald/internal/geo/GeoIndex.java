package dev.herald.internal.geo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Finds the items whose shape contains a point without testing every shape: a multi-level grid over
 * shape bounding boxes, with, for each item in each cell, what is known of the cell's parts, so that
 * most candidates are decided without even reading their shape.
 *
 * <p>Level k cuts the globe into square cells of 180/2^k degrees (2^k rows, 2^(k+1) columns), for k
 * from 0 to {@value #MAX_LEVEL} (about 1 m). An item is filed under the cells that its shape's
 * conservative bounding box touches, at the shape's {@link GeoShape#level() level}, always an even one
 * so that queries visit at most 13 levels: by default the finest whose cells are at least as large as
 * the box (at most 2 x 2 cells, plus, for a box that reaches a pole, the cell where points at that pole
 * are looked up); polygons choose finer cells. With
 * each filing goes a block of 16 x 16 two-bit marks ({@link GeoShape#marks}), one per sub-cell (the cells
 * {@value #SUB_LEVELS} levels finer): the shape holds the whole sub-cell, misses it entirely, needs its
 * exact test there, or its quick test. A cell whose sub-cells the shape all misses is not filed at all.
 * A query visits, at each level in use, the one cell holding the point, and reads for each item there
 * the mark of the point's sub-cell; since an item lives at one level only, it is found (and reported) at
 * most once. Cells are kept in a {@link LongTable} keyed by (level, row, column).
 *
 * <p>An item may carry a direct id, given by its owner ({@link #add(Object, GeoShape, String)},
 * {@link #setDirect}) and kept in every cell beside it: a query then reports the id alone ({@link
 * GeoHits#direct}), so that a hit needs no read of the item itself, which for thousands of items in a
 * cell would mostly be a cache miss each.
 *
 * <p>Where the mark asks, {@link GeoShape#quickTest} runs (no trigonometry nor allocation); where that is
 * unsure, or the mark asks for it, the exact {@link GeoShape#test(Probe)} runs, on a {@link Probe} taken
 * from a thread-local the first time a query needs one.
 *
 * <p>Thread-safety: any number of threads may {@link #query} while one thread at a time (the caller
 * serializes writers) adds or removes; a query never blocks and sees each item either entirely or not
 * at all; an item present during the whole query is always seen. A cell is one array: its first slot
 * holds the marks (a {@code long[]}, {@value #MARK_WORDS} per item), then come (shape, item, direct
 * id) entries, ended by a null shape. An addition fills a free entry in place: marks, item and id
 * first, then the shape with release semantics (readers read shapes with acquire); a removal, or an
 * addition to a full cell, publishes a new array through the table. So a reader's view of a cell is
 * always a consistent one. A direct id changes in place (with release); a query overlapping the
 * change reports the old one or the new one. Queries allocate nothing on the common path (a query run from inside another query's
 * callback allocates one small probe if it needs one).
 *
 * <p>Cost: a query costs one table lookup per level in use plus a bit extraction per candidate, and
 * the quick or exact test of the few that the marks leave open. An add computes the marks of the
 * shape's cells (for a polygon, a raster of its bounds: tens of microseconds) and costs a few lookups
 * plus, at worst, copying the arrays of the cells it changes; a remove, the lookups and copies.
 */
public final class GeoIndex<T> {
  /** The finest level: cells of 180/2^24 degrees, about 1.2 m. */
  static final int MAX_LEVEL = 24;

  /** The longitude at which points at a pole are looked up. */
  private static final double POLE_LONGITUDE = 0;

  /**
   * Levels between a cell and its sub-cells: 16 x 16 sub-cells, whose 2-bit marks fill eight longs.
   * (Against 8 x 8, this halves the sub-cells along a polygon's edges, where the exact test runs: 1.5
   * times the polygon matches per second, for 1.6 times the heap per polygon.)
   */
  static final int SUB_LEVELS = 4;
  /** Sub-cells per cell. */
  static final int SUBS = 1 << (2 * SUB_LEVELS);
  /** Longs of marks per item in a cell. */
  private static final int MARK_WORDS = SUBS / 32;
  static final int SUB_MASK = (1 << SUB_LEVELS) - 1;

  /** Longitudes beyond this (in magnitude) are not trusted to fall in the sub-cell their shapes expect. */
  private static final double PLAIN_LONGITUDE = 1024;

  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

  /** Slots per entry of a cell: shape, item, direct id. */
  private static final int ENTRY = 3;

  private static final ThreadLocal<Probe> PROBES = ThreadLocal.withInitial(Probe::new);

  private final LongTable<Object[]> cells = new LongTable<>();
  /** Bit k is set while some item lives at level k. */
  private volatile int levels;
  private volatile int size;
  /** Items per level; writer only. */
  private final int[] perLevel = new int[MAX_LEVEL + 1];

  /** Adds an item (identity matters: the same item may not be added twice), without a direct id. */
  public void add(T item, GeoShape shape) {
    add(item, shape, null);
  }

  /**
   * Adds an item (identity matters: the same item may not be added twice) with a direct id (or
   * null), which queries report in its place through {@link GeoHits#direct}.
   */
  public void add(T item, GeoShape shape, String directId) {
    Objects.requireNonNull(item, "item");
    int level = shape.level();
    long[] keys = keys(shape.bounds(), level);
    GeoShape.CellMarks marks = shape.marks(level + SUB_LEVELS);
    int lastSubRow = (1 << (level + SUB_LEVELS)) - 1;
    boolean filed = false;
    for (int k = 0; k < keys.length; k++) {
      int row = row(keys[k]);
      int column = column(keys[k]);
      long[] words = new long[MARK_WORDS];
      boolean misses = true;
      for (int sub = 0; sub < SUBS; sub++) {
        int subRow = row << SUB_LEVELS | sub >>> SUB_LEVELS;
        int mark = marks.mark(subRow, column << SUB_LEVELS | sub & SUB_MASK);
        if ((subRow == 0 || subRow == lastSubRow) && mark <= GeoShape.MARK_INSIDE) {
          // Points at a pole are looked up at one longitude, whatever theirs: let the shape decide.
          mark = GeoShape.MARK_QUICK;
        }
        words[sub >>> 5] |= (long) mark << ((sub & 31) << 1);
        misses &= mark == GeoShape.MARK_OUTSIDE;
      }
      if (misses) {
        if (filed || k < keys.length - 1) {
          continue; // it misses the cell (though every item is filed somewhere, so removal finds it)
        }
        Arrays.fill(words, -1); // all MARK_QUICK
      }
      append(keys[k], shape, item, directId, words);
      filed = true;
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
    int level = shape.level();
    boolean found = false;
    for (long key : keys(shape.bounds(), level)) {
      Object[] slots = cells.get(key);
      int entry = slots == null ? -1 : indexOf(slots, item);
      if (entry >= 0) {
        found = true;
        Object[] rest = without(slots, entry);
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

  /**
   * Changes the direct id of an item added with this shape (or an equal one), in every cell it is
   * filed in; unknown items are ignored. Writer only; costs a few lookups and a scan of each cell.
   */
  public void setDirect(T item, GeoShape shape, String directId) {
    for (long key : keys(shape.bounds(), shape.level())) {
      Object[] slots = cells.get(key);
      int entry = slots == null ? -1 : indexOf(slots, item);
      if (entry >= 0) {
        SLOTS.setRelease(slots, ENTRY * entry + 3, directId); // the entry's third slot
      }
    }
  }

  /** Calls {@code hits} once for each item whose shape contains {@code p}, direct id or not. */
  public void query(GeoPoint p, Consumer<? super T> hits) {
    query(p, new GeoHits<T>() {
      @Override
      public void item(T item) {
        hits.accept(item);
      }

      @Override
      public void direct(String id, T item) {
        hits.accept(item);
      }
    });
  }

  /**
   * Reports once each item whose shape contains {@code p}: by its direct id when it has one, else
   * the item.
   */
  @SuppressWarnings("unchecked")
  public void query(GeoPoint p, GeoHits<? super T> hits) {
    int mask = levels;
    if (mask == 0 || p == null) {
      return;
    }
    double lat = p.lat();
    double rawLon = p.lon();
    if (!(lat >= -90 && lat <= 90) || !Double.isFinite(rawLon)) {
      return;
    }
    double lon = GeoShape.normalizeLongitude(rawLon);
    // Boxes compare the longitude as given, which for huge values rounds differently from the reduced
    // one that places the point in a sub-cell: then only the tests decide.
    boolean marksHold = rawLon > -PLAIN_LONGITUDE && rawLon < PLAIN_LONGITUDE;
    double latUnit = latUnit(lat);
    // A pole has every longitude: it is looked up at one, under which shapes reaching it are filed.
    double lonUnit = lonUnit(Math.abs(lat) == 90 ? POLE_LONGITUDE : lon);
    Probe probe = null;
    try {
      for (int m = mask; m != 0; m &= m - 1) {
        int level = Integer.numberOfTrailingZeros(m);
        int subRow = row(latUnit, level + SUB_LEVELS);
        int subColumn = column(lonUnit, level + SUB_LEVELS);
        Object[] slots = cells.get(key(level, subRow >>> SUB_LEVELS, subColumn >>> SUB_LEVELS));
        if (slots == null) {
          continue;
        }
        long[] marks = (long[]) slots[0];
        int sub = (subRow & SUB_MASK) << SUB_LEVELS | subColumn & SUB_MASK;
        int word = sub >>> 5;
        int shift = (sub & 31) << 1;
        for (int i = 1, markWord = word; i < slots.length; i += ENTRY, markWord += MARK_WORDS) {
          Object shape = SLOTS.getAcquire(slots, i);
          if (shape == null) {
            break;
          }
          int mark = marksHold ? (int) (marks[markWord] >>> shift) & 3 : GeoShape.MARK_QUICK;
          if (mark != GeoShape.MARK_INSIDE) {
            if (mark == GeoShape.MARK_OUTSIDE) {
              continue;
            }
            GeoShape s = (GeoShape) shape;
            int quick = mark == GeoShape.MARK_QUICK ? s.quickTest(lat, rawLon, lon) : GeoShape.UNSURE;
            if (quick == GeoShape.UNSURE) {
              if (probe == null) {
                probe = takeProbe(lat, rawLon);
              }
              quick = s.test(probe) ? GeoShape.INSIDE : GeoShape.OUTSIDE;
            }
            if (quick != GeoShape.INSIDE) {
              continue;
            }
          }
          Object direct = slots[i + 2];
          if (direct != null) {
            hits.direct((String) direct, (T) slots[i + 1]); // the item is passed, not read
          } else {
            hits.item((T) slots[i + 1]);
          }
        }
      }
    } finally {
      if (probe != null) {
        probe.busy = false;
      }
    }
  }

  /** This thread's probe, or a new one if a query further up this thread's stack holds it. */
  private static Probe takeProbe(double lat, double rawLon) {
    Probe probe = PROBES.get();
    if (probe.busy) {
      probe = new Probe(); // a query from inside a callback of another query on this thread
    }
    probe.set(lat, rawLon);
    probe.busy = true;
    return probe;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The number of items. */
  int size() {
    return size;
  }

  /** The number of non-empty cells (for tests). */
  int cellCount() {
    return cells.size();
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

  /** A level rounded down to an even one: shapes are filed at even levels only. */
  static int evenLevel(int level) {
    return level & ~1;
  }

  /** The keys of the cells the box touches at a level (at most 4 at the level that fits the box). */
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
    return Arrays.copyOf(keys, count);
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

  private static int row(long key) {
    return (int) (key >>> 28) & ((1 << 28) - 1);
  }

  private static int column(long key) {
    return (int) key & ((1 << 28) - 1);
  }

  // ---- cells: [marks, shape, item, id, shape, item, id, ..., null, ...] -------------------------

  /**
   * Files an item in a cell: in place when the cell's array has a free entry, else in a new array.
   * Entry i fills slots 3i + 1 to 3i + 3; its marks are the {@link #MARK_WORDS} longs from
   * {@code MARK_WORDS * i} in slot 0.
   */
  private void append(long key, GeoShape shape, Object item, String directId, long[] words) {
    Object[] slots = cells.get(key);
    int used = slots == null ? 0 : usedEntries(slots);
    int at = ENTRY * used + 1;
    if (slots != null && at < slots.length) {
      System.arraycopy(words, 0, (long[]) slots[0], MARK_WORDS * used, MARK_WORDS);
      slots[at + 1] = item;
      slots[at + 2] = directId;
      SLOTS.setRelease(slots, at, shape); // publishes the entry and its marks
      return;
    }
    // Growing by a quarter keeps cells (up to dozens of polygons each) nearly full, for a few more copies.
    int capacity = used + Math.max(2, used / 4);
    Object[] grown = new Object[1 + ENTRY * capacity];
    long[] marks = new long[MARK_WORDS * capacity];
    if (slots != null) {
      System.arraycopy(slots, 1, grown, 1, ENTRY * used);
      System.arraycopy((long[]) slots[0], 0, marks, 0, MARK_WORDS * used);
    }
    grown[0] = marks;
    grown[at] = shape;
    grown[at + 1] = item;
    grown[at + 2] = directId;
    System.arraycopy(words, 0, marks, MARK_WORDS * used, MARK_WORDS);
    cells.put(key, grown);
  }

  /** The number of filled entries (they come first): a binary search for the first null shape. */
  private static int usedEntries(Object[] slots) {
    int lo = 0;
    int hi = (slots.length - 1) / ENTRY;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (slots[ENTRY * mid + 1] != null) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The entry index of an item, or -1. */
  private static int indexOf(Object[] slots, Object item) {
    for (int i = 1; i < slots.length && slots[i] != null; i += ENTRY) {
      if (slots[i + 1] == item) {
        return i / ENTRY;
      }
    }
    return -1;
  }

  /** A new array without an entry, with some room to grow, or null when none would be left. */
  private static Object[] without(Object[] slots, int entry) {
    int used = usedEntries(slots);
    if (used == 1) {
      return null;
    }
    int left = used - 1;
    int capacity = left + Math.max(1, left / 4);
    Object[] rest = new Object[1 + ENTRY * capacity];
    long[] marks = new long[MARK_WORDS * capacity];
    long[] old = (long[]) slots[0];
    int after = used - entry - 1;
    System.arraycopy(slots, 1, rest, 1, ENTRY * entry);
    System.arraycopy(slots, ENTRY * (entry + 1) + 1, rest, ENTRY * entry + 1, ENTRY * after);
    System.arraycopy(old, 0, marks, 0, MARK_WORDS * entry);
    System.arraycopy(old, MARK_WORDS * (entry + 1), marks, MARK_WORDS * entry, MARK_WORDS * after);
    rest[0] = marks;
    return rest;
  }
}
