package dev.herald.internal.geo;

/**
 * The points whose geodesic distance to a centre is within [from, to], both inclusive
 * (geoDistanceRange). Immutable.
 */
final class Annulus extends CentredShape {
  private final double from;
  private final double to;
  private final double surelyBeyondFrom;
  private final double surelyWithinFrom;
  private final double surelyWithinTo;
  private final double surelyBeyondTo;
  /** Thresholds of {@link CentredShape}'s latitude/longitude bounds. */
  private final double quicklyBeyondFrom;
  private final double quicklyWithinFrom;
  private final double quicklyWithinTo;
  private final double quicklyBeyondTo;

  Annulus(GeoPoint centre, double from, double to) {
    this(new Centre(centre), checked(from, to), to);
  }

  private Annulus(Centre centre, double from, double to) {
    super("annulus(" + centre.canonical() + "," + number(from) + "," + number(to) + ")", centre, to);
    this.from = from + 0.0;
    this.to = to;
    this.surelyBeyondFrom = Centre.surelyBeyond(from);
    this.surelyWithinFrom = Centre.surelyWithin(from);
    this.surelyWithinTo = Centre.surelyWithin(to);
    this.surelyBeyondTo = Centre.surelyBeyond(to);
    this.quicklyBeyondFrom = surelyBeyond(from);
    this.quicklyWithinFrom = surelyWithin(from);
    this.quicklyWithinTo = surelyWithin(to);
    this.quicklyBeyondTo = surelyBeyond(to);
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
  int quickTest(double lat, double rawLon, double lon) {
    double dLat = deltaLat(lat);
    double dLon = deltaLon(lon);
    double lower = lowerSquared(dLat, dLon);
    if (lower > quicklyBeyondTo) {
      return OUTSIDE;
    }
    // From here the upper bound holds whenever it is at most the outer radius (squared).
    double upper = upperSquared(dLat, dLon);
    if (upper < quicklyWithinFrom) {
      return OUTSIDE;
    }
    // Within the outer radius, the lower bound holds too.
    return upper <= quicklyWithinTo && lower > quicklyBeyondFrom ? INSIDE : UNSURE;
  }

  @Override
  int classify(double lowest, double highest) {
    if (lowest > quicklyBeyondTo || highest < quicklyWithinFrom) {
      return MARK_OUTSIDE;
    }
    return highest <= quicklyWithinTo && lowest > quicklyBeyondFrom ? MARK_INSIDE : MARK_QUICK;
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
