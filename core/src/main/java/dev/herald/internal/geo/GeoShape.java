package dev.herald.internal.geo;

import dev.herald.internal.json.JsonWriter;
import java.util.List;
import java.util.Map;

/**
 * A region of the globe a geo filter selects. Immutable and thread-safe. Equal shapes are
 * {@link Object#equals equal} and share {@link #canonical()} text, which filter ids are built from.
 * The factories validate and throw {@link IllegalArgumentException} with a message that names the
 * problem (no path prefix).
 *
 * <p>Cost of {@link #contains}: a box compares four numbers; a circle or an annulus needs one dot
 * product, and an exact ellipsoidal distance only for points within about 1% of a radius; a polygon
 * needs one dot product per edge. The shapes share the per-point trigonometry through {@link Probe}.
 */
public abstract class GeoShape {
  private final String canonical;

  GeoShape(String canonical) {
    this.canonical = canonical;
  }

  /**
   * A box: latitudes between bottom and top inclusive; longitudes from left eastwards to right
   * inclusive, modulo 360, so a left east of right crosses the antimeridian and a width of 360 or
   * more covers every longitude. Throws when top is below bottom, or a latitude is outside [-90, 90],
   * or a value is not finite.
   */
  public static GeoShape box(double top, double left, double bottom, double right) {
    return new BoundingBox(top, left, bottom, right);
  }

  /**
   * A box from a geoBoundingBox operand: a map with {@code top, left, bottom, right} (numbers or
   * strings read with parseFloat) or with {@code topLeft|top_left} and {@code bottomRight|bottom_right}
   * geopoints; other keys are ignored. Messages: {@code unrecognized geo-point format} when a corner is
   * missing or unreadable; {@code unrecognized geoBoundingBox format: <the operand as JSON>} when a
   * side is not numeric; and those of {@link #box(double, double, double, double)}.
   */
  public static GeoShape box(Object operand) {
    if (!(operand instanceof Map)) {
      throw new IllegalArgumentException("unrecognized geo-point format");
    }
    Map<?, ?> m = (Map<?, ?>) operand;
    if (m.containsKey("top") && m.containsKey("left") && m.containsKey("bottom")
        && m.containsKey("right")) {
      double top = GeoPoints.parseFloat(m.get("top"));
      double left = GeoPoints.parseFloat(m.get("left"));
      double bottom = GeoPoints.parseFloat(m.get("bottom"));
      double right = GeoPoints.parseFloat(m.get("right"));
      if (Double.isNaN(top) || Double.isNaN(left) || Double.isNaN(bottom) || Double.isNaN(right)) {
        throw new IllegalArgumentException(
            "unrecognized geoBoundingBox format: " + JsonWriter.toText(operand));
      }
      return box(top, left, bottom, right);
    }
    GeoPoint topLeft = GeoPoints.parse(m.containsKey("topLeft") ? m.get("topLeft") : m.get("top_left"));
    GeoPoint bottomRight =
        GeoPoints.parse(m.containsKey("bottomRight") ? m.get("bottomRight") : m.get("bottom_right"));
    if (topLeft == null || bottomRight == null) {
      throw new IllegalArgumentException("unrecognized geo-point format");
    }
    return box(topLeft.lat(), topLeft.lon(), bottomRight.lat(), bottomRight.lon());
  }

  /** Points whose WGS84 geodesic distance to the centre is at most {@code meters} (exact, no clipping). */
  public static GeoShape circle(GeoPoint centre, double meters) {
    return new Circle(centre, meters);
  }

  /**
   * Points whose distance to the centre is within [from, to], both inclusive.
   * Throws {@code inner radius must be smaller than outer radius} when {@code from >= to}.
   */
  public static GeoShape annulus(GeoPoint centre, double from, double to) {
    return new Annulus(centre, from, to);
  }

  /**
   * A polygon whose edges are the short great-circle arcs between consecutive vertices (closing the
   * ring is optional; orientation does not matter; the boundary is inside). Throws when fewer than 3
   * distinct vertices are given.
   */
  public static GeoShape polygon(List<GeoPoint> vertices) {
    return new Polygon(vertices);
  }

  /**
   * Whether the point is inside the shape (boundary included). A null point, or one with a latitude
   * outside [-90, 90] or a coordinate that is not finite, is inside no shape.
   */
  public final boolean contains(GeoPoint p) {
    if (p == null) {
      return false;
    }
    double lat = p.lat();
    double rawLon = p.lon();
    if (!(lat >= -90 && lat <= 90) || !Double.isFinite(rawLon)) {
      return false;
    }
    int quick = quickTest(lat, rawLon, normalizeLongitude(rawLon));
    if (quick != UNSURE) {
      return quick == INSIDE;
    }
    Probe probe = new Probe();
    probe.set(lat, rawLon);
    return test(probe);
  }

  /** A {@link #quickTest} answer: the point is inside. */
  static final int INSIDE = 1;
  /** A {@link #quickTest} answer: the point is outside. */
  static final int OUTSIDE = 0;
  /** A {@link #quickTest} answer: run {@link #test(Probe)}. */
  static final int UNSURE = -1;

  /**
   * What {@link GeoIndex} does for a point in a grid cell, as given by {@link #marks}: nothing (every
   * point of the cell is outside), report without a test (every point is inside), run the exact test,
   * or run the quick test first. Two bits each.
   */
  static final int MARK_OUTSIDE = 0;
  static final int MARK_INSIDE = 1;
  static final int MARK_TEST = 2;
  static final int MARK_QUICK = 3;

  /**
   * Degrees by which a cell is widened before a shape says that it holds all of it or none of it: far
   * above the rounding with which a point is placed in a cell (and in the shapes' computations), far
   * below any cell.
   */
  static final double CELL_PAD = 1e-6;

  /**
   * The exact test on a point already read into a probe; the probe is valid. This is the definition of
   * the shape: {@link #quickTest} and {@link #marks} only ever give the answer it would give.
   */
  abstract boolean test(Probe p);

  /**
   * A cheap test without trigonometry nor allocation: {@link #INSIDE} or {@link #OUTSIDE} when that is
   * certain (always what {@link #test(Probe)} answers), else {@link #UNSURE}.
   *
   * @param lat a latitude within [-90, 90]
   * @param rawLon the longitude as given, finite
   * @param lon the same longitude reduced into [-180, 180) by {@link #normalizeLongitude}
   */
  abstract int quickTest(double lat, double rawLon, double lon);

  /** A box that holds the whole shape, for indexing. */
  abstract Bounds bounds();

  /**
   * The level of {@link GeoIndex}'s grid at which the shape is filed: by default the finest even level
   * whose cells are at least as large as the bounds (so at most 2 x 2 cells); polygons, whose exact test
   * is costly, choose finer cells. Even levels only, so that a query visits half as many.
   */
  int level() {
    return GeoIndex.evenLevel(GeoIndex.levelFor(bounds()));
  }

  /** The marks of the cells of one grid level: {@link #MARK_OUTSIDE} ... {@link #MARK_QUICK}. */
  interface CellMarks {
    /** The mark of the cell at (row, column) of the level, for every point of it, sides included. */
    int mark(int row, int column);
  }

  /**
   * The marks of the cells of a grid level (cells of 180/2^level degrees, row 0 at the south pole,
   * column 0 at longitude -180), for {@link GeoIndex} to store with the shape; computed when the shape
   * is filed, perhaps at some cost. By default from {@link #classify} on each cell widened by
   * {@link #CELL_PAD}.
   */
  CellMarks marks(int level) {
    double size = 180.0 / (1 << level);
    return (row, column) -> {
      double south = row * size - 90;
      double west = column * size - 180;
      return classify(south - CELL_PAD, south + size + CELL_PAD, west - CELL_PAD, size + 2 * CELL_PAD);
    };
  }

  /**
   * The mark for a latitude/longitude rectangle (latitudes in [south, north], longitudes from west,
   * in [-180, 180), eastwards over width degrees, less than 180): {@link #MARK_INSIDE} or
   * {@link #MARK_OUTSIDE} only when every point of it is inside, or outside. By default
   * {@link #MARK_QUICK}.
   */
  int classify(double south, double north, double west, double width) {
    return MARK_QUICK;
  }

  /** Deterministic text for this shape; equal shapes give equal text. */
  public final String canonical() {
    return canonical;
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof GeoShape && ((GeoShape) o).canonical.equals(canonical);
  }

  @Override
  public final int hashCode() {
    return canonical.hashCode();
  }

  @Override
  public String toString() {
    return canonical;
  }

  // ---- helpers shared by the shapes ---------------------------------------------------------

  /** A longitude reduced exactly into [-180, 180). */
  static double normalizeLongitude(double lon) {
    if (lon >= -180 && lon < 180) {
      return lon + 0.0; // what the remainder gives in this range, without its native call
    }
    double r = Math.IEEEremainder(lon, 360);
    return r == 180 ? -180 : r + 0.0; // + 0.0 turns -0.0 into 0.0
  }

  /**
   * An eastward longitude difference reduced into [0, 360). Exact for differences already in that
   * range, so an inclusive comparison against a width computed the same way is exact at the edges.
   */
  static double eastward(double difference) {
    // The fast paths give exactly what the remainder gives: in [0, 360) it is the difference itself
    // (less 360, then plus 360, both exact); in (-360, 0) it is the rounded sum with 360.
    if (difference >= 0 && difference < 360) {
      return difference;
    }
    if (difference < 0 && difference > -360) {
      return difference + 360;
    }
    double r = Math.IEEEremainder(difference, 360);
    return r < 0 ? r + 360 : r;
  }

  static void requireValidCentre(GeoPoint centre) {
    if (centre == null || !(centre.lat() >= -90 && centre.lat() <= 90)
        || !Double.isFinite(centre.lon())) {
      throw new IllegalArgumentException("the centre is not a valid point: " + centre);
    }
  }

  static void requireDistance(String name, double meters) {
    if (!(meters >= 0) || meters == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(name + " must be a finite, non-negative number of meters, got " + meters);
    }
  }

  /** Shortest round-trip text of a number, with -0.0 written as 0.0. */
  static String number(double d) {
    return Double.toString(d + 0.0);
  }
}
