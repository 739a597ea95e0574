package dev.herald.benchmarks.compare;

/**
 * Spherical geometry for placing generated points well inside or well outside shapes. Angles are in
 * degrees. The engines measure on the WGS84 ellipsoid, which differs from this sphere by well under
 * 1%, so the generator keeps every point several percent away from any boundary.
 */
final class Sphere {
  /** Mean Earth radius, in meters. */
  static final double RADIUS = 6_371_008.8;

  private Sphere() {}

  /** Great-circle angle between two points, in degrees (haversine). */
  static double angle(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double h = Math.sin(dp / 2) * Math.sin(dp / 2)
        + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return Math.toDegrees(2 * Math.asin(Math.min(1, Math.sqrt(h))));
  }

  static double meters(double lat1, double lon1, double lat2, double lon2) {
    return Math.toRadians(angle(lat1, lon1, lat2, lon2)) * RADIUS;
  }

  /** The point at {@code angle} degrees from a start along an initial bearing: {lat, lon}. */
  static double[] destination(double lat, double lon, double bearing, double angle) {
    double p1 = Math.toRadians(lat);
    double l1 = Math.toRadians(lon);
    double b = Math.toRadians(bearing);
    double d = Math.toRadians(angle);
    double p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
    double l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
    double lonDeg = Math.toDegrees(l2);
    lonDeg = ((lonDeg + 540) % 360) - 180;
    return new double[] {Math.toDegrees(p2), lonDeg};
  }

  /** Angle in degrees from a point to the short great-circle arc between a and b. */
  static double angleToArc(double lat, double lon, double latA, double lonA, double latB, double lonB) {
    double[] p = unit(lat, lon);
    double[] a = unit(latA, lonA);
    double[] b = unit(latB, lonB);
    double[] n = cross(a, b);
    double norm = Math.sqrt(dot(n, n));
    if (norm < 1e-15) {
      return angle(lat, lon, latA, lonA);
    }
    n = new double[] {n[0] / norm, n[1] / norm, n[2] / norm};
    double s = dot(p, n);
    // The foot of the perpendicular onto the great circle; it lies on the arc when it is on the
    // inner side of both ends.
    double[] c = {p[0] - s * n[0], p[1] - s * n[1], p[2] - s * n[2]};
    if (dot(cross(a, c), n) >= 0 && dot(cross(c, b), n) >= 0) {
      return Math.toDegrees(Math.asin(Math.min(1, Math.abs(s))));
    }
    return Math.min(angle(lat, lon, latA, lonA), angle(lat, lon, latB, lonB));
  }

  private static double[] unit(double lat, double lon) {
    double p = Math.toRadians(lat);
    double l = Math.toRadians(lon);
    return new double[] {Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)};
  }

  private static double[] cross(double[] u, double[] v) {
    return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
  }

  private static double dot(double[] u, double[] v) {
    return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  }
}
