package dev.herald.internal.geo;

/** Distances in filters. CONTRACT (implemented by the geo work item). */
public final class Distances {
  private Distances() {}

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
    throw new UnsupportedOperationException("contract");
  }
}
