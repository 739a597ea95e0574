package dev.herald.internal.geo;

/**
 * The points whose geodesic distance to a centre is within [from, to], both inclusive
 * (geoDistanceRange). Immutable.
 */
final class Annulus extends GeoShape {
  private final Centre centre;
  private final Bounds bounds;
  private final double from;
  private final double to;
  private final double surelyBeyondFrom;
  private final double surelyWithinFrom;
  private final double surelyWithinTo;
  private final double surelyBeyondTo;

  Annulus(GeoPoint centre, double from, double to) {
    this(new Centre(centre), checked(from, to), to);
  }

  private Annulus(Centre centre, double from, double to) {
    super("annulus(" + centre.canonical() + "," + number(from) + "," + number(to) + ")");
    this.centre = centre;
    this.bounds = centre.bounds(to);
    this.from = from + 0.0;
    this.to = to;
    this.surelyBeyondFrom = Centre.surelyBeyond(from);
    this.surelyWithinFrom = Centre.surelyWithin(from);
    this.surelyWithinTo = Centre.surelyWithin(to);
    this.surelyBeyondTo = Centre.surelyBeyond(to);
  }

  private static double checked(double from, double to) {
    requireDistance("the inner radius", from);
    requireDistance("the outer radius", to);
    if (from >= to) {
      throw new IllegalArgumentException("inner radius must be smaller than outer radius");
    }
    return from;
  }

  @Override
  Bounds bounds() {
    return bounds;
  }

  @Override
  boolean test(Probe p) {
    double chord2 = p.chord2(centre.x, centre.y, centre.z);
    if (chord2 > surelyBeyondTo || chord2 < surelyWithinFrom) {
      return false;
    }
    if (chord2 > surelyBeyondFrom && chord2 < surelyWithinTo) {
      return true;
    }
    double d = centre.distanceTo(p);
    return d >= from && d <= to;
  }
}
