package dev.herald.internal.geo;

import dev.herald.internal.json.JsonList;
import dev.herald.internal.json.JsonMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads geopoints in every format Koncorde accepts, from Herald's JSON tree values
 * ({@code java.util.Map}, {@code java.util.List}, {@code String}, {@code Number}, {@code Boolean}, null).
 *
 * <p>Stateless and thread-safe. Parsing costs time linear in the size of the value and allocates only
 * the resulting point.
 */
public final class GeoPoints {
  private GeoPoints() {}

  private static final String GEOHASH_ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

  /** Geohash character to its 5-bit value, or -1; indexed by char below 128. */
  private static final byte[] GEOHASH_VALUES = new byte[128];

  static {
    java.util.Arrays.fill(GEOHASH_VALUES, (byte) -1);
    for (int i = 0; i < GEOHASH_ALPHABET.length(); i++) {
      GEOHASH_VALUES[GEOHASH_ALPHABET.charAt(i)] = (byte) i;
    }
  }

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
    if (value instanceof String) {
      return fromString((String) value);
    }
    // Parsed documents hold these classes, caller-built ones mostly ArrayList: testing them first
    // spares the costly failed test of an interface (JDK 17 scans the secondary supers, and caches
    // only one).
    if (value instanceof JsonList) {
      return fromList((JsonList) value);
    }
    if (value instanceof ArrayList) {
      return fromList((ArrayList<?>) value);
    }
    if (value instanceof JsonMap) {
      return fromMap((JsonMap) value);
    }
    if (value instanceof List) {
      return fromList((List<?>) value);
    }
    if (value instanceof Map) {
      return fromMap((Map<?, ?>) value);
    }
    return null;
  }

  private static GeoPoint fromMap(Map<?, ?> map) {
    if (map.containsKey("lat") && map.containsKey("lon")) {
      return of(parseFloat(map.get("lat")), parseFloat(map.get("lon")));
    }
    Object nested = map.get("latLon");
    if (nested == null) {
      nested = map.get("lat_lon");
    }
    if (nested instanceof String) {
      return fromString((String) nested);
    }
    if (nested instanceof List) {
      return fromList((List<?>) nested);
    }
    if (nested instanceof Map) {
      Map<?, ?> inner = (Map<?, ?>) nested;
      if (inner.containsKey("lat") && inner.containsKey("lon")) {
        return of(parseFloat(inner.get("lat")), parseFloat(inner.get("lon")));
      }
    }
    return null;
  }

  /** JavaScript's parseFloat applied to a number (as is) or a string; NaN for anything else. */
  public static double parseFloat(Object value) {
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof String) {
      return parseJsFloat((String) value);
    }
    return Double.NaN;
  }

  private static GeoPoint fromList(List<?> list) {
    if (list.size() != 2) {
      return null;
    }
    return of(parseFloat(list.get(0)), parseFloat(list.get(1)));
  }

  private static GeoPoint fromString(String s) {
    int comma = s.indexOf(',');
    if (comma >= 0) {
      if (s.indexOf(',', comma + 1) >= 0) {
        return null;
      }
      return of(parseFloat(s.substring(0, comma)), parseFloat(s.substring(comma + 1)));
    }
    return decodeGeohash(s);
  }

  /** A point when both coordinates are finite and the latitude is within [-90, 90]. */
  private static GeoPoint of(double lat, double lon) {
    if (!(lat >= -90 && lat <= 90) || !Double.isFinite(lon)) {
      return null;
    }
    return new GeoPoint(lat, lon);
  }

  /** The centre of a geohash cell, or null when the string is no geohash. */
  static GeoPoint decodeGeohash(String hash) {
    int n = hash.length();
    if (n < 4) {
      return null;
    }
    double latLo = -90, latHi = 90, lonLo = -180, lonHi = 180;
    boolean lonBit = true; // bits alternate, longitude first
    for (int i = 0; i < n; i++) {
      char c = hash.charAt(i);
      int v = c < 128 ? GEOHASH_VALUES[c] : -1;
      if (v < 0) {
        return null;
      }
      for (int bit = 4; bit >= 0; bit--) {
        boolean one = ((v >> bit) & 1) != 0;
        if (lonBit) {
          double mid = (lonLo + lonHi) / 2;
          if (one) {
            lonLo = mid;
          } else {
            lonHi = mid;
          }
        } else {
          double mid = (latLo + latHi) / 2;
          if (one) {
            latLo = mid;
          } else {
            latHi = mid;
          }
        }
        lonBit = !lonBit;
      }
    }
    return new GeoPoint((latLo + latHi) / 2, (lonLo + lonHi) / 2);
  }

  /**
   * JavaScript's parseFloat: skips leading white space, then reads the longest prefix that is a
   * decimal literal ({@code [+-]? (Infinity | digits [. digits?] [e [+-]? digits] | . digits [e ...])});
   * NaN when there is none.
   */
  static double parseJsFloat(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && isJsWhiteSpace(s.charAt(i))) {
      i++;
    }
    int start = i;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    if (s.startsWith("Infinity", i)) {
      return s.charAt(start) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    int intDigits = digitsFrom(s, i);
    i += intDigits;
    int fracDigits = 0;
    if (i < n && s.charAt(i) == '.') {
      fracDigits = digitsFrom(s, i + 1);
      if (intDigits > 0 || fracDigits > 0) {
        i += 1 + fracDigits;
      }
    }
    if (intDigits == 0 && fracDigits == 0) {
      return Double.NaN;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      int expDigits = digitsFrom(s, j);
      if (expDigits > 0) {
        i = j + expDigits;
      }
    }
    // Java's grammar accepts every such literal and rounds it correctly, as JavaScript does.
    return Double.parseDouble(s.substring(start, i));
  }

  private static int digitsFrom(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  /** JavaScript's StrWhiteSpaceChar: WhiteSpace and LineTerminator. */
  private static boolean isJsWhiteSpace(char c) {
    switch (c) {
      case '\t':
      case '\n':
      case 0x0B:
      case '\f':
      case '\r':
      case ' ':
      case 0x00A0:
      case 0x2028:
      case 0x2029:
      case 0xFEFF:
        return true;
      default:
        return Character.getType(c) == Character.SPACE_SEPARATOR;
    }
  }
}
