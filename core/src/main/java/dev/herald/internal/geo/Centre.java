package dev.herald.internal.geo;

/**
 * The centre of a circle or an annulus, with what makes most distance tests cheap: the unit vector of
 * its surface normal, and chord thresholds derived from the radii of curvature.
 *
 * <p>The angle θ between the surface normals at two points brackets their geodesic distance s:
 * {@code MIN_RADIUS·θ <= s <= MAX_RADIUS·θ}, because along any path the normal turns at most at the
 * largest curvature (1/MIN_RADIUS), and the path whose normals follow the great circle between the two
 * normals is at most MAX_RADIUS·θ long. The two radii differ by 1%, so only points within about 1% of
 * a radius need the exact ellipsoidal distance. The thresholds are on the chord 2·sin(θ/2) between
 * unit vectors, which is accurate for small angles, and carry a margin far above rounding.
 */
final class Centre {
  final double lat;
  /** In [-180, 180). */
  final double lon;
  final double x;
  final double y;
  final double z;

  Centre(GeoPoint p) {
    GeoShape.requireValidCentre(p);
    this.lat = p.lat() + 0.0;
    this.lon = Math.abs(p.lat()) == 90 ? 0 : GeoShape.normalizeLongitude(p.lon());
    Probe probe = new Probe();
    probe.set(lat, lon);
    this.x = probe.x();
    this.y = probe.y();
    this.z = probe.z();
  }

  /** Below this squared chord, the distance is surely less than {@code meters}; may be negative. */
  static double surelyWithin(double meters) {
    double theta = meters / Geodesy.MAX_RADIUS;
    if (theta >= Math.PI) {
      return Double.POSITIVE_INFINITY;
    }
    double chord = 2 * Math.sin(theta / 2) * (1 - 1e-12) - 1e-15;
    return chord > 0 ? chord * chord : -1;
  }

  /** Above this squared chord, the distance is surely more than {@code meters}. */
  static double surelyBeyond(double meters) {
    double theta = meters / Geodesy.MIN_RADIUS;
    if (theta >= Math.PI) {
      return Double.POSITIVE_INFINITY;
    }
    double chord = 2 * Math.sin(theta / 2) * (1 + 1e-12) + 1e-15;
    return chord * chord;
  }

  double distanceTo(Probe p) {
    return Geodesy.distance(lat, lon, p.lat, p.lon);
  }

  /**
   * Holds every point within {@code meters}: latitudes within meters/MIN_RADIUS (no path changes
   * latitude faster), longitudes within meters/(a·cos φ) where φ is the most poleward latitude
   * reached (the radius of a parallel is at least a·cos φ); every longitude when a pole is reached.
   */
  Bounds bounds(double meters) {
    double dLat = Math.toDegrees(meters / Geodesy.MIN_RADIUS);
    double south = lat - dLat;
    double north = lat + dLat;
    if (south <= -90 || north >= 90) {
      return Bounds.padded(south, north, -180, 360);
    }
    double poleward = Math.toRadians(Math.max(Math.abs(south), Math.abs(north)));
    double dLon = Math.toDegrees(meters / (Geodesy.A * Math.cos(poleward)));
    if (dLon >= 180) {
      return Bounds.padded(south, north, -180, 360);
    }
    return Bounds.padded(south, north, lon - dLon, 2 * dLon);
  }

  String canonical() {
    return GeoShape.number(lat) + "," + GeoShape.number(lon);
  }
}
