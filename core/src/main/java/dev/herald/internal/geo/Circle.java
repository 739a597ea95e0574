package dev.herald.internal.geo;

/** The points whose geodesic distance to a centre is at most a radius (geoDistance). Immutable. */
final class Circle extends CentredShape {
  private final double radius;
  private final double surelyInside;
  private final double surelyOutside;
  /** Thresholds of {@link CentredShape}'s latitude/longitude bounds. */
  private final double quicklyInside;
  private final double quicklyOutside;

  Circle(GeoPoint centre, double meters) {
    this(new Centre(centre), checked(meters));
  }

  private Circle(Centre centre, double meters) {
    super("circle(" + centre.canonical() + "," + number(meters) + ")", centre, meters);
    this.radius = meters + 0.0;
    this.surelyInside = Centre.surelyWithin(meters);
    this.surelyOutside = Centre.surelyBeyond(meters);
    this.quicklyInside = surelyWithin(meters);
    this.quicklyOutside = surelyBeyond(meters);
  }

  private static double checked(double meters) {
    requireDistance("the distance", meters);
    return meters;
  }

  @Override
  int quickTest(double lat, double rawLon, double lon) {
    double dLat = deltaLat(lat);
    double dLon = deltaLon(lon);
    if (lowerSquared(dLat, dLon) > quicklyOutside) {
      return OUTSIDE;
    }
    return upperSquared(dLat, dLon) <= quicklyInside ? INSIDE : UNSURE;
  }

  @Override
  int classify(double lowest, double highest) {
    if (lowest > quicklyOutside) {
      return MARK_OUTSIDE;
    }
    return highest <= quicklyInside ? MARK_INSIDE : MARK_QUICK;
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
