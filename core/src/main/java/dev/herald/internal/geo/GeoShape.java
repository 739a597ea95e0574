package dev.herald.internal.geo;

import java.util.List;

/**
 * A region of the globe a geo filter selects. Immutable and thread-safe. Equal shapes are
 * {@link Object#equals equal} and share {@link #canonical()} text, which filter ids are built from.
 * CONTRACT (implemented by the geo work item): the factories validate and throw
 * {@link IllegalArgumentException} with a message that names the problem (no path prefix).
 */
public abstract class GeoShape {
  GeoShape() {}

  /**
   * A box: latitudes between bottom and top inclusive; longitudes from left eastwards to right
   * inclusive, modulo 360, so a left east of right crosses the antimeridian and a width of 360 or
   * more covers every longitude. Throws when top is below bottom, or a latitude is outside [-90, 90],
   * or a value is not finite.
   */
  public static GeoShape box(double top, double left, double bottom, double right) {
    throw new UnsupportedOperationException("contract");
  }

  /**
   * A box from a geoBoundingBox operand: a map with {@code top, left, bottom, right} (numbers or
   * strings read with parseFloat) or with {@code topLeft|top_left} and {@code bottomRight|bottom_right}
   * geopoints; other keys are ignored. Messages: {@code unrecognized geo-point format} when a corner is
   * missing or unreadable; {@code unrecognized geoBoundingBox format: <the operand as JSON>} when a
   * side is not numeric; and those of {@link #box(double, double, double, double)}.
   */
  public static GeoShape box(Object operand) {
    throw new UnsupportedOperationException("contract");
  }

  /** Points whose WGS84 geodesic distance to the centre is at most {@code meters} (exact, no clipping). */
  public static GeoShape circle(GeoPoint centre, double meters) {
    throw new UnsupportedOperationException("contract");
  }

  /**
   * Points whose distance to the centre is within [from, to], both inclusive.
   * Throws {@code inner radius must be smaller than outer radius} when {@code from >= to}.
   */
  public static GeoShape annulus(GeoPoint centre, double from, double to) {
    throw new UnsupportedOperationException("contract");
  }

  /**
   * A polygon whose edges are the short great-circle arcs between consecutive vertices (closing the
   * ring is optional; orientation does not matter; the boundary is inside). Throws when fewer than 3
   * distinct vertices are given.
   */
  public static GeoShape polygon(List<GeoPoint> vertices) {
    throw new UnsupportedOperationException("contract");
  }

  /** Whether the point is inside the shape (boundary included). */
  public abstract boolean contains(GeoPoint p);

  /** Deterministic text for this shape; equal shapes give equal text. */
  public abstract String canonical();
}
