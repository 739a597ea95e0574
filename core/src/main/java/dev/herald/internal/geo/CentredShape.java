package dev.herald.internal.geo;

/**
 * A shape defined by geodesic distances to a centre (circles and annuli), with what decides most points
 * from latitude and longitude differences alone, without trigonometry.
 *
 * <p>Every point within the largest distance {@code reach} lies in the latitude band of
 * {@link Centre#bounds}. Over that band, let Mlo and Mhi bracket the meridian radius of curvature M(φ),
 * and Plo and Phi the radius of the parallel P(φ) = N(φ)·cos φ (so that ds² = M²dφ² + P²dλ²). Then,
 * with Δφ and Δλ the differences in radians (Δλ the short way):
 * <ul>
 *   <li>the geodesic distance s is at most √((Mhi·Δφ)² + (Phi·Δλ)²), the length of the path that is
 *       straight in latitude and longitude, when the point is in the band (which that bound at most
 *       {@code reach} implies, since Mhi is at least the smallest radius of curvature);
 *   <li>when s is at most {@code reach}, s is at least √((Mlo·Δφ)² + (Plo·Δλ)²): the geodesic stays
 *       within {@code reach} of the centre, so in the band, where the metric is at least that
 *       of constant radii Mlo and Plo, under which no path is shorter than the straight one.
 * </ul>
 * The two bounds differ by the relative variation of P over the band (about 1e-3 for a 500 m radius at
 * 80° of latitude, 1e-6 at the equator), so only points that close to a rim need the exact test. The
 * decisions keep a margin of {@link #ABSOLUTE_MARGIN} and a relative one, far above the rounding here
 * and the error of the exact distance, so they are the exact test's answers.
 *
 * <p>Immutable.
 */
abstract class CentredShape extends GeoShape {
  /** Meters by which a quick decision clears a radius, beyond the relative margin. */
  static final double ABSOLUTE_MARGIN = 0.01;
  private static final double RELATIVE_MARGIN = 1e-9;
  private static final double METERS_PER_RADIAN_MARGIN = 1e-12;

  final Centre centre;
  private final Bounds bounds;
  /** The centre's latitude and its longitude in [-180, 180) (0 at a pole). */
  private final double lat;
  private final double lon;
  /** Meters per degree of latitude and of longitude: lower bounds over the band. */
  private final double latLow;
  private final double lonLow;
  /** The same, upper bounds. */
  private final double latHigh;
  private final double lonHigh;

  CentredShape(String canonical, Centre centre, double reach) {
    super(canonical);
    this.centre = centre;
    this.bounds = centre.bounds(reach);
    this.lat = centre.lat;
    this.lon = centre.lon;
    double band = Math.toDegrees(reach / Geodesy.MIN_RADIUS) + Bounds.MARGIN;
    double south = Math.max(-90, lat - band);
    double north = Math.min(90, lat + band);
    double nearest = south <= 0 && north >= 0 ? 0 : Math.min(Math.abs(south), Math.abs(north));
    double farthest = Math.max(Math.abs(south), Math.abs(north));
    // M grows and P shrinks from the equator to the poles.
    double perDegree = Math.PI / 180;
    latLow = meridianRadius(nearest) * perDegree * (1 - METERS_PER_RADIAN_MARGIN);
    latHigh = meridianRadius(farthest) * perDegree * (1 + METERS_PER_RADIAN_MARGIN);
    lonLow = Math.max(0, parallelRadius(farthest) * (1 - METERS_PER_RADIAN_MARGIN) - 1e-6) * perDegree;
    lonHigh = parallelRadius(nearest) * perDegree * (1 + METERS_PER_RADIAN_MARGIN);
  }

  /** M(φ) = a(1 − e²) / (1 − e² sin²φ)^(3/2). */
  private static double meridianRadius(double latDegrees) {
    double s = Math.sin(Math.toRadians(latDegrees));
    double w = 1 - Geodesy.E2 * s * s;
    return Geodesy.A * (1 - Geodesy.E2) / (w * Math.sqrt(w));
  }

  /** P(φ) = a cos φ / √(1 − e² sin²φ). */
  private static double parallelRadius(double latDegrees) {
    double phi = Math.toRadians(latDegrees);
    double s = Math.sin(phi);
    return Geodesy.A * Math.cos(phi) / Math.sqrt(1 - Geodesy.E2 * s * s);
  }

  /** Below this square of the upper bound, the distance is surely at most {@code meters}; may be -1. */
  static double surelyWithin(double meters) {
    double m = (meters - ABSOLUTE_MARGIN) * (1 - RELATIVE_MARGIN);
    return m > 0 ? m * m : -1;
  }

  /** Above this square of the lower bound, the distance is surely more than {@code meters}. */
  static double surelyBeyond(double meters) {
    double m = (meters + ABSOLUTE_MARGIN) * (1 + RELATIVE_MARGIN);
    return m * m;
  }

  /** The short longitude difference from the centre, in degrees within [-180, 180]. */
  final double deltaLon(double lon) {
    double d = lon - this.lon;
    if (d > 180) {
      d -= 360;
    } else if (d < -180) {
      d += 360;
    }
    return d;
  }

  /** Squared lower bound of the distance from the centre, valid when the distance is within reach. */
  final double lowerSquared(double dLat, double dLon) {
    double y = dLat * latLow;
    double x = dLon * lonLow;
    return y * y + x * x;
  }

  /** Squared upper bound of the distance from the centre, valid when it is at most the reach squared. */
  final double upperSquared(double dLat, double dLon) {
    double y = dLat * latHigh;
    double x = dLon * lonHigh;
    return y * y + x * x;
  }

  /**
   * Marks a rectangle from the bounds over all its points: the lower bound at its smallest latitude and
   * longitude differences from the centre, the upper bound at its largest (both bounds grow with each
   * difference).
   */
  @Override
  final int classify(double south, double north, double west, double width) {
    double a = south - lat;
    double b = north - lat;
    double nearLat = a <= 0 && b >= 0 ? 0 : Math.min(Math.abs(a), Math.abs(b));
    double farLat = Math.max(Math.abs(a), Math.abs(b));
    double d1 = deltaLon(west);
    double d2 = d1 + width; // less than 360, as width is less than 180
    double wrapped = d2 > 180 ? d2 - 360 : d2;
    double nearLon = d1 <= 0 && d2 >= 0 ? 0 : Math.min(Math.abs(d1), Math.abs(wrapped));
    double farLon = d1 <= -180 || d2 >= 180 ? 180 : Math.max(Math.abs(d1), Math.abs(d2));
    return classify(lowerSquared(nearLat, nearLon), upperSquared(farLat, farLon));
  }

  /**
   * The mark of a set of points whose squared lower bounds are all at least {@code lowest} and whose
   * squared upper bounds are all at most {@code highest}.
   */
  abstract int classify(double lowest, double highest);

  final double deltaLat(double lat) {
    return lat - this.lat;
  }

  @Override
  final Bounds bounds() {
    return bounds;
  }
}
