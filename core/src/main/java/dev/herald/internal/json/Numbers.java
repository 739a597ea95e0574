package dev.herald.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Canonical numbers: every number Herald compares is a {@link Long} when it is an integer that fits in
 * 64 bits, a {@link BigInteger} when it is an integer beyond that, and a {@link Double} otherwise
 * (fractional, infinite or NaN). So {@code 1}, {@code 1.0} and {@code 1e0} are the same value, integers
 * compare exactly at any magnitude, and fractions compare as IEEE doubles, as JSON parsers do.
 */
public final class Numbers {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private Numbers() {}

  /** The canonical form of any {@link Number}; allocation-free for {@code Long} and small ints. */
  public static Number canonical(Number n) {
    if (n instanceof Long) {
      return n;
    }
    if (n instanceof Integer || n instanceof Short || n instanceof Byte
        || n instanceof AtomicInteger || n instanceof AtomicLong) {
      return n.longValue();
    }
    if (n instanceof Double || n instanceof Float) {
      return ofDouble(n.doubleValue());
    }
    if (n instanceof BigInteger) {
      return ofBigInteger((BigInteger) n);
    }
    if (n instanceof BigDecimal) {
      return ofBigDecimal((BigDecimal) n);
    }
    // Any other Number type: go through its decimal text, which every JDK Number can give.
    try {
      return ofBigDecimal(new BigDecimal(n.toString()));
    } catch (NumberFormatException e) {
      return ofDouble(n.doubleValue());
    }
  }

  public static Number ofDouble(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d)) {
      if (d >= -0x1p63 && d < 0x1p63) {
        return (long) d;
      }
      return new BigDecimal(d).toBigIntegerExact();
    }
    return d;
  }

  public static Number ofBigInteger(BigInteger b) {
    if (b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0) {
      return b.longValue();
    }
    return b;
  }

  public static Number ofBigDecimal(BigDecimal d) {
    if (d.signum() == 0) {
      return 0L;
    }
    BigDecimal stripped = d.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      // An integer; guard against absurd exponents (1e1000000000) that would not fit in memory.
      if (stripped.precision() - stripped.scale() > 4096) {
        return d.signum() > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      }
      return ofBigInteger(stripped.toBigIntegerExact());
    }
    return ofDouble(d.doubleValue());
  }

  /** Whether {@code o} is one of the canonical number classes. */
  public static boolean isCanonical(Object o) {
    return o instanceof Long || o instanceof Double || o instanceof BigInteger;
  }

  /**
   * Compares two canonical numbers by value. NaN is unordered: any comparison with it returns
   * {@link Integer#MIN_VALUE}, which callers treat as "neither below, equal nor above".
   */
  public static int compare(Number a, Number b) {
    if (a instanceof Long && b instanceof Long) {
      return Long.compare((Long) a, (Long) b);
    }
    if (a instanceof Double && b instanceof Double) {
      double x = (Double) a;
      double y = (Double) b;
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return Integer.MIN_VALUE;
      }
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a instanceof Double) {
      int c = compare(b, a);
      return c == Integer.MIN_VALUE ? c : -c;
    }
    if (b instanceof Double) {
      double y = (Double) b;
      if (Double.isNaN(y)) {
        return Integer.MIN_VALUE;
      }
      if (a instanceof Long) {
        // y is not an integer (or infinite): rounding the long to a double is monotone, so the
        // rounded value is on the same side of y as the exact one, and never equal to it.
        double x = (double) (Long) a;
        return x < y ? -1 : 1;
      }
      // a is a BigInteger beyond the long range; y is fractional (|y| < 2^52) or infinite.
      if (Double.isInfinite(y)) {
        return y > 0 ? -1 : 1;
      }
      return ((BigInteger) a).signum();
    }
    // BigInteger against Long or BigInteger.
    BigInteger x = a instanceof BigInteger ? (BigInteger) a : BigInteger.valueOf((Long) a);
    BigInteger y = b instanceof BigInteger ? (BigInteger) b : BigInteger.valueOf((Long) b);
    return x.compareTo(y);
  }

  /** A double that orders like the number (monotone, possibly lossy): for index keys. */
  public static double approximate(Number n) {
    return n.doubleValue();
  }
}
