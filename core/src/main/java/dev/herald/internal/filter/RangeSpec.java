package dev.herald.internal.filter;

import dev.herald.internal.json.Numbers;
import java.util.Objects;

/**
 * The value at the path is a number within bounds, compared exactly: exclusive bounds are exclusive
 * at every magnitude, integers compare exactly beyond 2^53. A null bound is unbounded.
 */
public final class RangeSpec extends ConditionSpec {
  private final Number lo;
  private final boolean loInclusive;
  private final Number hi;
  private final boolean hiInclusive;

  public RangeSpec(String path, Number lo, boolean loInclusive, Number hi, boolean hiInclusive) {
    super(path);
    this.lo = lo == null ? null : Numbers.canonical(lo);
    this.loInclusive = lo != null && loInclusive;
    this.hi = hi == null ? null : Numbers.canonical(hi);
    this.hiInclusive = hi != null && hiInclusive;
  }

  /** Whether no number satisfies the bounds. */
  public boolean isEmpty() {
    if (lo == null || hi == null) {
      return false;
    }
    int c = Numbers.compare(lo, hi);
    return c > 0 || (c == 0 && !(loInclusive && hiInclusive));
  }

  /** Both ranges at once (same path); may be {@link #isEmpty() empty}. */
  public RangeSpec intersect(RangeSpec o) {
    Number l = lo;
    boolean li = loInclusive;
    if (o.lo != null) {
      int c = l == null ? -1 : Numbers.compare(l, o.lo);
      if (c < 0) {
        l = o.lo;
        li = o.loInclusive;
      } else if (c == 0) {
        li = li && o.loInclusive;
      }
    }
    Number h = hi;
    boolean hin = hiInclusive;
    if (o.hi != null) {
      int c = h == null ? 1 : Numbers.compare(h, o.hi);
      if (c > 0) {
        h = o.hi;
        hin = o.hiInclusive;
      } else if (c == 0) {
        hin = hin && o.hiInclusive;
      }
    }
    return new RangeSpec(path, l, li, h, hin);
  }

  /**
   * The lower bound rounded to a double (for index keys), or -infinity. Rounding is monotonic, so
   * every number the range holds rounds to at least this, and a number that rounds to more than this
   * is above the exact bound.
   */
  public double lowKey() {
    return lo == null ? Double.NEGATIVE_INFINITY : Numbers.approximate(lo);
  }

  /** The upper bound rounded to a double, or +infinity; see {@link #lowKey()}. */
  public double highKey() {
    return hi == null ? Double.POSITIVE_INFINITY : Numbers.approximate(hi);
  }

  @Override
  public Kind kind() {
    return Kind.RANGE;
  }

  @Override
  public boolean test(Object value) {
    if (!(value instanceof Number)) {
      return false;
    }
    Number n = value instanceof Long ? (Long) value : Numbers.canonical((Number) value);
    return contains(n);
  }

  /** Exact test of a canonical number. */
  public boolean contains(Number n) {
    if (lo != null) {
      int c = Numbers.compare(n, lo);
      if (c == Integer.MIN_VALUE || c < 0 || (c == 0 && !loInclusive)) {
        return false;
      }
    }
    if (hi != null) {
      int c = Numbers.compare(n, hi);
      if (c == Integer.MIN_VALUE || c > 0 || (c == 0 && !hiInclusive)) {
        return false;
      }
    }
    return lo != null || hi != null || !(n instanceof Double && ((Double) n).isNaN());
  }

  @Override
  public int acceptedTypes() {
    return Values.NUMBER;
  }

  @Override
  protected void writeCanonical(StringBuilder out) {
    out.append("[\"range\",");
    Canonical.string(out, path);
    out.append(',');
    out.append(lo == null ? "null" : lo.toString()).append(',').append(loInclusive);
    out.append(',');
    out.append(hi == null ? "null" : hi.toString()).append(',').append(hiInclusive);
    out.append(']');
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RangeSpec)) {
      return false;
    }
    RangeSpec r = (RangeSpec) o;
    return r.path.equals(path) && Objects.equals(r.lo, lo) && r.loInclusive == loInclusive
        && Objects.equals(r.hi, hi) && r.hiInclusive == hiInclusive;
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, lo, loInclusive, hi, hiInclusive);
  }
}
