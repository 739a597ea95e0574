package dev.herald.internal.geo;

/**
 * Reads geopoints in every format Koncorde accepts, from Herald's JSON tree values
 * ({@code java.util.Map}, {@code java.util.List}, {@code String}, {@code Number}, {@code Boolean}, null).
 * CONTRACT (implemented by the geo work item): see each method.
 */
public final class GeoPoints {
  private GeoPoints() {}

  /**
   * The point a value denotes, or {@code null} when it denotes none (then it is outside every shape).
   * Formats: {@code [lat, lon]} (a list of exactly 2 elements, each a number or a string read like
   * JavaScript's parseFloat); {@code "lat, lon"} (a string with exactly one comma, each side through
   * parseFloat); a geohash (a string of 4 or more characters of the base-32 geohash alphabet
   * {@code 0-9 b-h j k m n p-z}, decoded to the centre of its cell); {@code {lat, lon}} (a map whose
   * {@code lat} and {@code lon} go through parseFloat; checked first); {@code {latLon: X}} or
   * {@code {lat_lon: X}} where X is a list, a {lat, lon} map, a "lat, lon" string or a geohash.
   * Not a point: null, numbers, booleans, empty strings, 3-element lists, a map with only lat, NaN or
   * infinite coordinates, and a latitude outside [-90, 90].
   */
  public static GeoPoint parse(Object value) {
    throw new UnsupportedOperationException("contract");
  }

  /** JavaScript's parseFloat applied to a number (as is) or a string; NaN for anything else. */
  public static double parseFloat(Object value) {
    throw new UnsupportedOperationException("contract");
  }
}
