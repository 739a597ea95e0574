package dev.herald.internal.filter;

import dev.herald.internal.json.Numbers;
import java.util.Comparator;

/** A total order on canonical scalars: null, false, true, numbers by value, strings. */
public final class ValueOrder implements Comparator<Object> {
  public static final ValueOrder INSTANCE = new ValueOrder();

  private ValueOrder() {}

  private static int rank(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof Boolean) {
      return (Boolean) v ? 2 : 1;
    }
    if (v instanceof Number) {
      return 3;
    }
    return 4;
  }

  @Override
  public int compare(Object a, Object b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    if (ra == 3) {
      int c = Numbers.compare((Number) a, (Number) b);
      if (c == Integer.MIN_VALUE) {
        // NaN sorts last among numbers; filters never hold NaN, this only keeps the order total.
        return Boolean.compare(Double.isNaN(((Number) a).doubleValue()), Double.isNaN(((Number) b).doubleValue()));
      }
      return c;
    }
    if (ra == 4) {
      return ((String) a).compareTo((String) b);
    }
    return 0;
  }
}
