package dev.herald.internal.geo;

/**
 * A latitude/longitude box (geoBoundingBox): latitudes in [bottom, top], longitudes from left
 * eastwards to right, modulo 360, all edges inclusive. A pole has every longitude, so a box that
 * reaches a pole holds it whatever longitude the point gives. Immutable.
 */
final class BoundingBox extends GeoShape {
  private final double top;
  private final double bottom;
  /** As given, so that a point on the left or right edge compares exactly. */
  private final double left;
  /** Degrees from left eastwards to right, in [0, 360); unused when {@link #allLongitudes}. */
  private final double width;
  private final boolean allLongitudes;
  private final Bounds bounds;

  BoundingBox(double top, double left, double bottom, double right) {
    this(validated(top, left, bottom, right), top, left, bottom, right);
  }

  private BoundingBox(boolean allLongitudes, double top, double left, double bottom, double right) {
    super(canonical(allLongitudes, top, left, bottom, right));
    this.top = top;
    this.bottom = bottom;
    this.left = allLongitudes ? -180 : left;
    this.width = allLongitudes ? 360 : eastward(right - left);
    this.allLongitudes = allLongitudes;
    this.bounds = Bounds.padded(bottom, top, this.left, this.width);
  }

  /** Validates and tells whether the box covers every longitude. */
  private static boolean validated(double top, double left, double bottom, double right) {
    if (!Double.isFinite(top) || !Double.isFinite(left) || !Double.isFinite(bottom)
        || !Double.isFinite(right)) {
      throw new IllegalArgumentException("box sides must be finite numbers");
    }
    if (top < -90 || top > 90) {
      throw new IllegalArgumentException("top must be a latitude within [-90, 90], got " + top);
    }
    if (bottom < -90 || bottom > 90) {
      throw new IllegalArgumentException("bottom must be a latitude within [-90, 90], got " + bottom);
    }
    if (top < bottom) {
      throw new IllegalArgumentException(
          "top must not be below bottom (top " + top + ", bottom " + bottom + ")");
    }
    return right - left >= 360;
  }

  private static String canonical(boolean all, double top, double left, double bottom, double right) {
    return "box(" + number(top) + "," + (all ? "-180.0" : number(left)) + "," + number(bottom) + ","
        + (all ? "180.0" : number(right)) + ")";
  }

  @Override
  Bounds bounds() {
    return bounds;
  }

  @Override
  boolean test(Probe p) {
    return contains(p.lat, p.rawLon);
  }

  /** The box's test is cheap already: never unsure. */
  @Override
  int quickTest(double lat, double rawLon, double lon) {
    return contains(lat, rawLon) ? INSIDE : OUTSIDE;
  }

  @Override
  int classify(double south, double north, double west, double width) {
    if (north < bottom || south > top) {
      return MARK_OUTSIDE;
    }
    double offset = allLongitudes ? 0 : eastward(west - left); // where the rectangle starts, east of left
    if (south >= bottom && north <= top && (allLongitudes || offset + width <= this.width)) {
      return MARK_INSIDE;
    }
    // Every longitude of the rectangle outside the box's: outside, unless it reaches a pole, which has
    // every longitude.
    if (!allLongitudes && offset > this.width && offset + width < 360 && north < 90 && south > -90) {
      return MARK_OUTSIDE;
    }
    return MARK_QUICK;
  }

  private boolean contains(double lat, double rawLon) {
    return lat >= bottom && lat <= top
        && (allLongitudes || Math.abs(lat) == 90 || eastward(rawLon - left) <= width);
  }
}
