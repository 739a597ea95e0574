package dev.herald.internal.geo;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Distances in filters. Stateless and thread-safe; parsing is linear in the input length. */
public final class Distances {
  private Distances() {}

  private static final Pattern DISTANCE =
      Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*([A-Za-z]*)\\s*");

  private static final Map<String, Double> UNITS = Map.ofEntries(
      Map.entry("", 1.0),
      Map.entry("m", 1.0),
      Map.entry("meter", 1.0),
      Map.entry("meters", 1.0),
      Map.entry("metre", 1.0),
      Map.entry("metres", 1.0),
      Map.entry("km", 1000.0),
      Map.entry("kilometer", 1000.0),
      Map.entry("kilometers", 1000.0),
      Map.entry("kilometre", 1000.0),
      Map.entry("kilometres", 1000.0),
      Map.entry("cm", 0.01),
      Map.entry("mm", 0.001),
      Map.entry("mi", 1609.344),
      Map.entry("mile", 1609.344),
      Map.entry("miles", 1609.344),
      Map.entry("yd", 0.9144),
      Map.entry("yard", 0.9144),
      Map.entry("yards", 0.9144),
      Map.entry("ft", 0.3048),
      Map.entry("feet", 0.3048),
      Map.entry("foot", 0.3048),
      Map.entry("in", 0.0254),
      Map.entry("inch", 0.0254),
      Map.entry("inches", 0.0254),
      Map.entry("nmi", 1852.0),
      Map.entry("nauticalmile", 1852.0),
      Map.entry("nauticalmiles", 1852.0));

  /**
   * Meters denoted by a filter distance: a number is meters; a string is a non-negative decimal
   * number (digits, optional fraction, optional exponent) with optional spaces and an optional unit,
   * case-insensitive: none or {@code m}, meter(s), metre(s) (meters); {@code km}, kilometer(s),
   * kilometre(s); {@code cm}; {@code mm}; {@code mi}, mile(s) (1609.344 m); {@code yd}, yard(s)
   * (0.9144 m); {@code ft}, feet, foot (0.3048 m); {@code in}, inch, inches (0.0254 m); {@code nmi},
   * nauticalmile(s) (1852 m).
   *
   * @throws IllegalArgumentException with the message {@code unable to parse distance value "<input>"}
   *     for anything else (negative, NaN, infinite, a comma, an unknown unit, a non-string non-number)
   */
  public static double parseMeters(Object value) {
    double meters = Double.NaN;
    if (value instanceof Number) {
      meters = ((Number) value).doubleValue();
    } else if (value instanceof String) {
      Matcher m = DISTANCE.matcher((String) value);
      if (m.matches()) {
        Double factor = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (factor != null) {
          meters = Double.parseDouble(m.group(1)) * factor;
        }
      }
    }
    if (!(meters >= 0) || meters == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("unable to parse distance value \"" + value + "\"");
    }
    return meters + 0.0; // -0.0 becomes 0.0
  }
}
