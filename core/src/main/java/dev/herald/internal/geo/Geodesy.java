package dev.herald.internal.geo;

/** Geodesic computations on the WGS84 ellipsoid. CONTRACT (implemented by the geo work item). */
public final class Geodesy {
  private Geodesy() {}

  /**
   * The length in meters of the shortest geodesic between two points on the WGS84 ellipsoid
   * (a = 6378137 m, f = 1/298.257223563), accurate to a millimetre or better for every pair of points,
   * nearly antipodal ones included.
   */
  public static double distance(double lat1, double lon1, double lat2, double lon2) {
    throw new UnsupportedOperationException("contract");
  }
}
