package dev.herald.internal.geo;

/**
 * A point being tested against shapes, with the values the shapes need computed at most once: the
 * longitude reduced into [-180, 180), and, on first demand, the unit vector of the surface normal
 * (geodetic latitude and longitude as spherical coordinates), which circles and polygons use.
 *
 * <p>Mutable and confined to one thread; {@link GeoIndex} keeps one per thread to test candidates
 * without allocating.
 */
final class Probe {
  /** Latitude in degrees, within [-90, 90]. */
  double lat;
  /** Longitude in degrees as given (boxes compare it unreduced, so that their edges are exact). */
  double rawLon;
  /** Longitude in degrees reduced into [-180, 180). */
  double lon;

  private boolean hasVector;
  private double x;
  private double y;
  private double z;

  /** Whether this probe is in use by a query on this thread (queries may nest through callbacks). */
  boolean busy;

  /** Loads a point; false (and the probe unusable) when it is null or not a valid point. */
  boolean set(GeoPoint p) {
    if (p == null) {
      return false;
    }
    return set(p.lat(), p.lon());
  }

  boolean set(double lat, double lon) {
    if (!(lat >= -90 && lat <= 90) || !Double.isFinite(lon)) {
      return false;
    }
    this.lat = lat;
    this.rawLon = lon;
    this.lon = GeoShape.normalizeLongitude(lon);
    this.hasVector = false;
    return true;
  }

  double x() {
    vector();
    return x;
  }

  double y() {
    vector();
    return y;
  }

  double z() {
    vector();
    return z;
  }

  /** Computes the unit vector once per point. */
  void vector() {
    if (!hasVector) {
      double phi = Math.toRadians(lat);
      double lambda = Math.toRadians(lon);
      double cosPhi = Math.cos(phi);
      x = cosPhi * Math.cos(lambda);
      y = cosPhi * Math.sin(lambda);
      z = Math.sin(phi);
      hasVector = true;
    }
  }

  /** Squared chord between this point's unit vector and another unit vector. */
  double chord2(double ox, double oy, double oz) {
    vector();
    double dx = x - ox;
    double dy = y - oy;
    double dz = z - oz;
    return dx * dx + dy * dy + dz * dz;
  }
}
