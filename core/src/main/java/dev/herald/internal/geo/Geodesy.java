package dev.herald.internal.geo;

/**
 * Geodesic computations on the WGS84 ellipsoid. Stateless and thread-safe.
 *
 * <p>{@link #distance} solves the inverse problem with Vincenty's iteration (a few iterations, well
 * under a microsecond), and falls back, for the nearly antipodal pairs where that iteration does not
 * converge, to {@link #robustDistance}: a bracketed search for the starting azimuth in which the
 * geodesic integrals are evaluated by Gauss-Legendre quadrature (tens of microseconds, exact to
 * rounding for every pair).
 */
public final class Geodesy {
  private Geodesy() {}

  /** WGS84 semi-major axis, meters. */
  static final double A = 6378137.0;
  /** WGS84 flattening. */
  static final double F = 1 / 298.257223563;
  /** Semi-minor axis, meters. */
  static final double B = A * (1 - F);
  /** First eccentricity squared. */
  static final double E2 = F * (2 - F);
  /** Second eccentricity squared. */
  static final double EP2 = E2 / (1 - E2);
  /** The smallest radius of curvature anywhere (meridian, at the equator): b²/a. */
  static final double MIN_RADIUS = B * B / A;
  /** The largest radius of curvature anywhere (at the poles): a²/b. */
  static final double MAX_RADIUS = A * A / B;

  private static final int VINCENTY_MAX_ITERATIONS = 60;
  private static final double VINCENTY_TOLERANCE = 1e-13;

  /**
   * The length in meters of the shortest geodesic between two points on the WGS84 ellipsoid
   * (a = 6378137 m, f = 1/298.257223563), accurate to a millimetre or better for every pair of points,
   * nearly antipodal ones included.
   */
  public static double distance(double lat1, double lon1, double lat2, double lon2) {
    if (lat1 == lat2 && Math.abs(lat1) == 90) {
      return 0; // one pole, whatever the longitudes (which rounding would otherwise see)
    }
    double d = vincenty(lat1, lon1, lat2, lon2);
    return Double.isNaN(d) ? robustDistance(lat1, lon1, lat2, lon2) : d;
  }

  /** Vincenty's inverse formula; NaN when it does not converge (nearly antipodal points). */
  static double vincenty(double lat1, double lon1, double lat2, double lon2) {
    double bigL = Math.toRadians(Math.IEEEremainder(lon2 - lon1, 360));
    double tanU1 = (1 - F) * Math.tan(Math.toRadians(lat1));
    double tanU2 = (1 - F) * Math.tan(Math.toRadians(lat2));
    double cosU1 = 1 / Math.sqrt(1 + tanU1 * tanU1);
    double sinU1 = tanU1 * cosU1;
    double cosU2 = 1 / Math.sqrt(1 + tanU2 * tanU2);
    double sinU2 = tanU2 * cosU2;

    double lambda = bigL;
    for (int i = 0; i < VINCENTY_MAX_ITERATIONS; i++) {
      double sinLambda = Math.sin(lambda);
      double cosLambda = Math.cos(lambda);
      double t1 = cosU2 * sinLambda;
      double t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
      double sinSigma = Math.sqrt(t1 * t1 + t2 * t2);
      double cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
      if (sinSigma == 0) {
        return cosSigma > 0 ? 0 : Double.NaN; // coincident, or antipodal (left to the robust path)
      }
      double sigma = Math.atan2(sinSigma, cosSigma);
      double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
      double cos2Alpha = 1 - sinAlpha * sinAlpha;
      double cos2SigmaM = cos2Alpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0;
      double c = F / 16 * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
      double previous = lambda;
      lambda = bigL + (1 - c) * F * sinAlpha
          * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
      if (Math.abs(lambda) > Math.PI) {
        return Double.NaN;
      }
      if (Math.abs(lambda - previous) < VINCENTY_TOLERANCE) {
        double u2 = cos2Alpha * EP2;
        double bigA = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
        double bigB = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
        double deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4
            * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma)
                    * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return B * bigA * (sigma - deltaSigma);
      }
    }
    return Double.NaN;
  }

  /**
   * The geodesic distance by a method that works for every pair: the problem is put in a canonical
   * position (first point on or south of the equator and at least as far from it as the second,
   * longitude difference in [0, π]); the azimuth α1 at the first point is then found by bisection,
   * the longitude reached on the second point's parallel being an increasing function of α1 from 0
   * (due north) to π (due south, over the pole); the distance follows from the same integrals.
   * Costs about 60 quadratures.
   */
  static double robustDistance(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    if (Math.abs(phi1) < Math.abs(phi2)) {
      double t = phi1;
      phi1 = phi2;
      phi2 = t;
    }
    if (phi1 > 0) {
      phi1 = -phi1;
      phi2 = -phi2;
    }
    double lambda12 = Math.abs(Math.toRadians(Math.IEEEremainder(lon2 - lon1, 360)));

    // Reduced latitudes: tan β = (1 - f) tan φ. sin β1 keeps its sign bit on the equator, so that
    // the arc lengths below take their southern (negative) branch.
    double h1 = Math.hypot((1 - F) * Math.sin(phi1), Math.cos(phi1));
    double sinBeta1 = -Math.abs((1 - F) * Math.sin(phi1) / h1);
    double cosBeta1 = Math.cos(phi1) / h1;
    double h2 = Math.hypot((1 - F) * Math.sin(phi2), Math.cos(phi2));
    double sinBeta2 = (1 - F) * Math.sin(phi2) / h2;
    double cosBeta2 = Math.cos(phi2) / h2;

    if (sinBeta1 == 0 && sinBeta2 == 0 && lambda12 <= (1 - F) * Math.PI) {
      return A * lambda12; // along the equator
    }

    Path path = new Path(sinBeta1, cosBeta1, sinBeta2, cosBeta2);
    double lo = 0;
    double hi = Math.PI;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (mid <= lo || mid >= hi) {
        break;
      }
      path.aim(mid);
      if (path.lambda12() < lambda12) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    path.aim((lo + hi) / 2);
    return B * path.i1();
  }

  /**
   * The geodesic leaving the first point with a given azimuth, followed to where it next crosses the
   * second point's parallel heading north, on the auxiliary sphere (Bessel's method): σ is the arc
   * length from the northward equator crossing, ω the longitude on the sphere, α0 the azimuth there.
   */
  private static final class Path {
    final double sinBeta1, cosBeta1, sinBeta2, cosBeta2;
    double sinAlpha0, k2, sigma1, sigma2, omega12;

    Path(double sinBeta1, double cosBeta1, double sinBeta2, double cosBeta2) {
      this.sinBeta1 = sinBeta1;
      this.cosBeta1 = cosBeta1;
      this.sinBeta2 = sinBeta2;
      this.cosBeta2 = cosBeta2;
    }

    void aim(double alpha1) {
      double sinAlpha1 = Math.sin(alpha1);
      double cosAlpha1 = Math.cos(alpha1);
      sinAlpha0 = sinAlpha1 * cosBeta1;
      double cosAlpha0 = Math.hypot(cosAlpha1, sinAlpha1 * sinBeta1);
      k2 = EP2 * cosAlpha0 * cosAlpha0;
      double x1 = cosAlpha1 * cosBeta1; // cos σ1 · cos α0
      // cos α2 cos β2 ≥ 0 (northward), from Clairaut's relation; the difference of squares is
      // written in the form that does not cancel.
      double diff = cosBeta1 < -sinBeta1
          ? (cosBeta2 - cosBeta1) * (cosBeta2 + cosBeta1)
          : (sinBeta1 - sinBeta2) * (sinBeta1 + sinBeta2);
      double x2 = Math.sqrt(Math.max(0, x1 * x1 + diff));
      sigma1 = Math.atan2(sinBeta1, x1);
      sigma2 = Math.atan2(sinBeta2, x2);
      double omega1 = Math.atan2(sinAlpha0 * sinBeta1, x1);
      double omega2 = Math.atan2(sinAlpha0 * sinBeta2, x2);
      omega12 = omega2 - omega1;
    }

    /** The longitude difference on the ellipsoid: ω12 − f sin α0 ∫ (2−f) / (1 + (1−f) √(1 + k² sin²σ)) dσ. */
    double lambda12() {
      double integral = GaussLegendre.integrate(sigma1, sigma2, k2, true);
      return omega12 - F * sinAlpha0 * integral;
    }

    /** ∫ √(1 + k² sin²σ) dσ from σ1 to σ2; the distance is b times this. */
    double i1() {
      return GaussLegendre.integrate(sigma1, sigma2, k2, false);
    }
  }

  /** Gauss-Legendre quadrature of the two geodesic integrands, which are analytic and very smooth. */
  private static final class GaussLegendre {
    private static final int N = 24;
    private static final double[] NODES = new double[N];
    private static final double[] WEIGHTS = new double[N];

    static {
      // Roots of the Legendre polynomial P_N by Newton's method from Tricomi's initial guesses.
      for (int i = 0; i < N; i++) {
        double x = Math.cos(Math.PI * (i + 0.75) / (N + 0.5));
        double derivative = 0;
        for (int iteration = 0; iteration < 100; iteration++) {
          double p0 = 1;
          double p1 = x;
          for (int k = 2; k <= N; k++) {
            double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
            p0 = p1;
            p1 = p2;
          }
          derivative = N * (x * p1 - p0) / (x * x - 1);
          double step = p1 / derivative;
          x -= step;
          if (Math.abs(step) < 1e-16) {
            break;
          }
        }
        NODES[i] = x;
        WEIGHTS[i] = 2 / ((1 - x * x) * derivative * derivative);
      }
    }

    static double integrate(double from, double to, double k2, boolean longitude) {
      // Split into pieces of at most π/2 so that the rule is exact to rounding for any length.
      int pieces = Math.max(1, (int) Math.ceil(Math.abs(to - from) / (Math.PI / 2)));
      double width = (to - from) / pieces;
      double sum = 0;
      for (int p = 0; p < pieces; p++) {
        double centre = from + (p + 0.5) * width;
        double half = width / 2;
        double piece = 0;
        for (int i = 0; i < N; i++) {
          double s = Math.sin(centre + half * NODES[i]);
          double root = Math.sqrt(1 + k2 * s * s);
          piece += WEIGHTS[i] * (longitude ? (2 - F) / (1 + (1 - F) * root) : root);
        }
        sum += piece * half;
      }
      return sum;
    }
  }
}
