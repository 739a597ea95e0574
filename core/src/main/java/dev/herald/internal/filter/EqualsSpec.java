package dev.herald.internal.filter;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The value at the path is one of a set of scalars, compared by JSON type and value. {@code equals}
 * is a set of one; {@code in}, {@code ids} and an OR of {@code equals} on one path are larger sets.
 */
public final class EqualsSpec extends ConditionSpec {
  private static final int HASHED_ABOVE = 8;

  // One value (the common case) is kept alone, saving an array per condition.
  private final Object one;
  private final Object[] many; // canonical scalars, sorted by ValueOrder, distinct; null when one
  private final Set<Object> lookup; // for large sets
  private final int types;
  private final int hash;

  private EqualsSpec(String path, Object[] sortedDistinct) {
    super(path);
    this.one = sortedDistinct.length == 1 ? sortedDistinct[0] : null;
    this.many = sortedDistinct.length == 1 ? null : sortedDistinct;
    this.lookup = sortedDistinct.length > HASHED_ABOVE ? new HashSet<>(Arrays.asList(sortedDistinct)) : null;
    int t = 0;
    for (Object v : sortedDistinct) {
      t |= Values.type(v);
    }
    this.types = t;
    this.hash = path.hashCode() * 31 + Arrays.hashCode(sortedDistinct);
  }

  /** A condition on these scalar values (canonicalized, sorted and deduplicated here). */
  public static EqualsSpec of(String path, List<?> scalars) {
    Object[] v = new Object[scalars.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = Values.canonicalScalar(scalars.get(i));
    }
    return ofCanonical(path, v);
  }

  private static EqualsSpec ofCanonical(String path, Object[] v) {
    Arrays.sort(v, ValueOrder.INSTANCE);
    int n = 0;
    for (int i = 0; i < v.length; i++) {
      if (n == 0 || ValueOrder.INSTANCE.compare(v[n - 1], v[i]) != 0) {
        v[n++] = v[i];
      }
    }
    return new EqualsSpec(path, n == v.length ? v : Arrays.copyOf(v, n));
  }

  /** The canonical values, sorted (a new array when there is one value; do not modify otherwise). */
  public Object[] values() {
    return many == null ? new Object[] {one} : many;
  }

  /** How many values. */
  public int size() {
    return many == null ? 1 : many.length;
  }

  public boolean contains(Object canonicalScalar) {
    if (many == null) {
      return one == null ? canonicalScalar == null : one.equals(canonicalScalar);
    }
    if (lookup != null) {
      return lookup.contains(canonicalScalar);
    }
    for (Object v : many) {
      if (v == null ? canonicalScalar == null : v.equals(canonicalScalar)) {
        return true;
      }
    }
    return false;
  }

  /** A set holding the values of this one and of {@code other} (same path). */
  public EqualsSpec union(EqualsSpec other) {
    Object[] a = values();
    Object[] b = other.values();
    Object[] v = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, v, a.length, b.length);
    return ofCanonical(path, v);
  }

  /** The same path restricted to the given canonical values. */
  public EqualsSpec withValues(List<Object> canonicalValues) {
    return ofCanonical(path, canonicalValues.toArray());
  }

  @Override
  public Kind kind() {
    return Kind.EQUALS;
  }

  @Override
  public boolean test(Object value) {
    if (value != null && !(value instanceof String) && !(value instanceof Long)) {
      if ((Values.type(value) & Values.SCALARS) == 0) {
        return false;
      }
      value = Values.canonicalScalar(value);
    }
    return contains(value);
  }

  @Override
  public int acceptedTypes() {
    return types;
  }

  @Override
  public int weight() {
    return size();
  }

  @Override
  protected void writeCanonical(StringBuilder out) {
    out.append("[\"equals\",");
    Canonical.string(out, path);
    out.append(",[");
    Object[] values = values();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      Canonical.value(out, values[i]);
    }
    out.append("]]");
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EqualsSpec)) {
      return false;
    }
    EqualsSpec e = (EqualsSpec) o;
    return e.hash == hash && e.path.equals(path) && java.util.Objects.equals(e.one, one)
        && Arrays.equals(e.many, many);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
