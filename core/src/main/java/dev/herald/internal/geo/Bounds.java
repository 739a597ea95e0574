package dev.herald.internal.geo;

/**
 * A latitude/longitude box that holds a shape: latitudes in [south, north], longitudes from west
 * eastwards over width degrees (every longitude when width is 360 or more). Immutable.
 */
final class Bounds {
  /** Extra degrees around every computed extent, far above the rounding of the computations. */
  static final double MARGIN = 1e-9;

  final double south;
  final double north;
  /** In [-180, 180). */
  final double west;
  final double width;

  Bounds(double south, double north, double west, double width) {
    this.south = Math.max(-90, south);
    this.north = Math.min(90, north);
    boolean all = !(width < 360);
    this.west = all ? -180 : GeoShape.normalizeLongitude(west);
    this.width = all ? 360 : width;
  }

  /** A box padded by {@link #MARGIN} on every side. */
  static Bounds padded(double south, double north, double west, double width) {
    return new Bounds(south - MARGIN, north + MARGIN, west - MARGIN, width + 2 * MARGIN);
  }

  boolean allLongitudes() {
    return width >= 360;
  }

  @Override
  public String toString() {
    return "[" + south + ", " + north + "] x [" + west + " +" + width + "]";
  }
}
