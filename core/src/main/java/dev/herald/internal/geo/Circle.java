package dev.herald.internal.geo;

/** The points whose geodesic distance to a centre is at most a radius (geoDistance). Immutable. */
final class Circle extends GeoShape {
  private final Centre centre;
  private final Bounds bounds;
  private final double radius;
  private final double surelyInside;
  private final double surelyOutside;

  Circle(GeoPoint centre, double meters) {
    this(new Centre(centre), checked(meters));
  }

  private Circle(Centre centre, double meters) {
    super("circle(" + centre.canonical() + "," + number(meters) + ")");
    this.centre = centre;
    this.bounds = centre.bounds(meters);
    this.radius = meters + 0.0;
    this.surelyInside = Centre.surelyWithin(meters);
    this.surelyOutside = Centre.surelyBeyond(meters);
  }

  private static double checked(double meters) {
    requireDistance("the distance", meters);
    return meters;
  }

  @Override
  Bounds bounds() {
    return bounds;
  }

  @Override
  boolean test(Probe p) {
    double chord2 = p.chord2(centre.x, centre.y, centre.z);
    if (chord2 < surelyInside) {
      return true;
    }
    if (chord2 > surelyOutside) {
      return false;
    }
    return centre.distanceTo(p) <= radius;
  }
}
