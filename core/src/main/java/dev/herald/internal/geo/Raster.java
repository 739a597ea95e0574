package dev.herald.internal.geo;

import java.util.Arrays;

/**
 * What a polygon holds, cell by cell, over the cells of one grid level (those of {@link GeoIndex})
 * that cover its bounds: each cell is {@link GeoShape#INSIDE} (every point of it is inside),
 * {@link GeoShape#OUTSIDE} (none is), or {@link GeoShape#UNSURE} (an edge passes within
 * {@link GeoShape#CELL_PAD} of it). Built when the polygon is filed in an index, which keeps only the
 * marks of the cells it files the polygon in; not kept by the polygon.
 *
 * <p>Why it is exact: the polygon's test decides by the parity of the edges crossed by the meridian
 * from the point to the north pole, which changes only where the point crosses an edge; so it is the
 * same all over a set of cells that no edge comes near and that is connected through shared sides,
 * where it is computed once, at one cell's centre. The test's own rounding matters only within far
 * less than the pad of an edge.
 *
 * <p>Immutable. Building costs a few trigonometric evaluations per edge and column, a pass over the
 * cells, and one exact test per connected region.
 */
final class Raster {
  private static final double PAD = GeoShape.CELL_PAD;
  private static final byte UNKNOWN = 0;
  private static final byte EDGE = 1;
  private static final byte IN = 2;
  private static final byte OUT = 3;
  /** Above this |n_z| of an edge's plane, latitude along it is a well-conditioned function of longitude. */
  private static final double SHALLOW = 1e-3;

  /** The polygon's edges, as the raster needs them. */
  interface Edges {
    int edgeCount();

    /** The unit normal of the edge's great circle (either sign). */
    double nx(int i);

    double ny(int i);

    double nz(int i);

    /** The longitude where the edge's eastward longitude interval starts, in [-180, 180). */
    double west(int i);

    /** The width of that interval in degrees, less than 180; 0 for an edge along a meridian. */
    double span(int i);

    /** The latitudes of the edge's ends, in degrees. */
    double latA(int i);

    double latB(int i);
  }

  /** The polygon's exact test (latitude, longitude in [-180, 180)). */
  interface Test {
    boolean contains(double lat, double lon);
  }

  /** The grid level: cells of 180/2^level degrees. */
  final int level;
  private final double cell;
  /** The grid row and column of cell (0, 0); columns run eastwards (and may wrap around). */
  private final int row0;
  private final int column0;
  private final int rows;
  private final int columns;
  private final int gridColumns;
  private final double originLat;
  private final double originLon;
  private final byte[] marks;

  /**
   * Rasterizes a polygon whose bounds keep away from the poles and span less than 180 degrees of
   * longitude.
   */
  Raster(int level, Bounds b, Edges edges, Test test) {
    this.level = level;
    this.cell = 180.0 / (1 << level);
    this.gridColumns = 2 << level;
    double scale = (1 << level) / 180.0;
    this.row0 = (int) ((b.south - PAD + 90) * scale);
    this.rows = (int) ((b.north + PAD + 90) * scale) - row0 + 1;
    this.column0 = (int) ((GeoShape.normalizeLongitude(b.west - PAD) + 180) * scale);
    this.originLat = row0 * cell - 90;
    this.originLon = column0 * cell - 180;
    // The bounds' east side, measured from the raster's west side.
    double east = GeoShape.eastward(b.west - originLon) + b.width + PAD;
    this.columns = (int) (east / cell) + 1;
    if (rows * (long) columns > 1 << 22 || columns > gridColumns / 2 + 2) {
      throw new IllegalArgumentException("raster too large: " + rows + " x " + columns);
    }
    marks = new byte[rows * columns];
    for (int i = 0; i < edges.edgeCount(); i++) {
      markEdge(edges, i);
    }
    fill(test);
  }

  /** Marks the cells an edge passes within the pad of. */
  private void markEdge(Edges edges, int i) {
    double span = edges.span(i);
    double start = originLon + GeoShape.eastward(edges.west(i) - originLon);
    double end = start + span;
    double nx = edges.nx(i);
    double ny = edges.ny(i);
    double nz = edges.nz(i);
    boolean shallow = span > 0 && Math.abs(nz) >= SHALLOW;
    // The great circle is highest and lowest at these longitudes (in either order).
    double extreme = Math.toDegrees(Math.atan2(ny, nx));
    double southmost = Math.min(edges.latA(i), edges.latB(i));
    double northmost = Math.max(edges.latA(i), edges.latB(i));
    if (!shallow && span > 0 && (within(extreme, start, end) || within(extreme + 180, start, end))) {
      double crest = Math.toDegrees(Math.acos(Math.min(1, Math.abs(nz))));
      southmost = Math.min(southmost, -crest);
      northmost = Math.max(northmost, crest);
    }
    int firstColumn = Math.max(0, (int) Math.floor((start - PAD - originLon) / cell));
    int lastColumn = Math.min(columns - 1, (int) Math.floor((end + PAD - originLon) / cell));
    for (int c = firstColumn; c <= lastColumn; c++) {
      double south = southmost;
      double north = northmost;
      if (shallow) {
        // The arc's latitudes over the column widened by the pad: at both ends, and at an extreme
        // inside (in between, latitude is monotonic).
        double from = Math.max(start, originLon + c * cell - PAD);
        double to = Math.min(end, originLon + (c + 1) * cell + PAD);
        if (from > to) {
          continue;
        }
        double a = latitudeAt(nx, ny, nz, from);
        double z = latitudeAt(nx, ny, nz, to);
        south = Math.min(a, z);
        north = Math.max(a, z);
        for (double e : new double[] {extreme, extreme + 180}) {
          if (within(e, from, to)) {
            double l = latitudeAt(nx, ny, nz, e);
            south = Math.min(south, l);
            north = Math.max(north, l);
          }
        }
      }
      int firstRow = Math.max(0, (int) Math.floor((south - PAD - originLat) / cell));
      int lastRow = Math.min(rows - 1, (int) Math.floor((north + PAD - originLat) / cell));
      for (int r = firstRow; r <= lastRow; r++) {
        marks[r * columns + c] = EDGE;
      }
    }
  }

  /** Whether a longitude is in [from, to] modulo 360 (to - from in [0, 360)). */
  private static boolean within(double lon, double from, double to) {
    return GeoShape.eastward(lon - from) <= to - from;
  }

  /** The latitude of the great circle with normal n at a longitude: tan φ = −(n_x cos λ + n_y sin λ) / n_z. */
  private static double latitudeAt(double nx, double ny, double nz, double lonDegrees) {
    double lambda = Math.toRadians(lonDegrees);
    return Math.toDegrees(Math.atan(-(nx * Math.cos(lambda) + ny * Math.sin(lambda)) / nz));
  }

  /** Gives each region of unmarked cells connected through sides the exact test's answer at one centre. */
  private void fill(Test test) {
    int[] stack = new int[marks.length];
    for (int seed = 0; seed < marks.length; seed++) {
      if (marks[seed] != UNKNOWN) {
        continue;
      }
      double lat = originLat + (seed / columns + 0.5) * cell;
      double lon = GeoShape.normalizeLongitude(originLon + (seed % columns + 0.5) * cell);
      byte mark = test.contains(lat, lon) ? IN : OUT;
      int top = 0;
      stack[top++] = seed;
      marks[seed] = mark;
      while (top > 0) {
        int k = stack[--top];
        int r = k / columns;
        int c = k % columns;
        if (c > 0 && marks[k - 1] == UNKNOWN) {
          marks[k - 1] = mark;
          stack[top++] = k - 1;
        }
        if (c < columns - 1 && marks[k + 1] == UNKNOWN) {
          marks[k + 1] = mark;
          stack[top++] = k + 1;
        }
        if (r > 0 && marks[k - columns] == UNKNOWN) {
          marks[k - columns] = mark;
          stack[top++] = k - columns;
        }
        if (r < rows - 1 && marks[k + columns] == UNKNOWN) {
          marks[k + columns] = mark;
          stack[top++] = k + columns;
        }
      }
    }
  }

  /**
   * The mark of a cell of the grid at this level: {@link GeoShape#INSIDE}, {@link GeoShape#OUTSIDE}
   * (also for cells beyond the raster, which are beyond the polygon's bounds) or {@link GeoShape#UNSURE}.
   */
  int at(int gridRow, int gridColumn) {
    int r = gridRow - row0;
    int c = gridColumn - column0;
    if (c < 0) {
      c += gridColumns;
    }
    if (r < 0 || r >= rows || c >= columns) {
      return GeoShape.OUTSIDE;
    }
    switch (marks[r * columns + c]) {
      case IN:
        return GeoShape.INSIDE;
      case OUT:
        return GeoShape.OUTSIDE;
      default:
        return GeoShape.UNSURE;
    }
  }

  // ---- for tests ------------------------------------------------------------------------------

  int rows() {
    return rows;
  }

  int columns() {
    return columns;
  }

  /** The grid row of raster row r, and the grid column of raster column c. */
  int gridRow(int r) {
    return row0 + r;
  }

  int gridColumn(int c) {
    return (column0 + c) % gridColumns;
  }

  double cellSize() {
    return cell;
  }

  /** The number of cells of each kind: INSIDE, OUTSIDE, UNSURE. */
  int[] counts() {
    int[] counts = new int[3];
    for (byte m : marks) {
      counts[m == IN ? 0 : m == OUT ? 1 : 2]++;
    }
    return counts;
  }

  @Override
  public String toString() {
    return "Raster[level " + level + ", " + rows + " x " + columns + ", " + Arrays.toString(counts()) + "]";
  }
}
