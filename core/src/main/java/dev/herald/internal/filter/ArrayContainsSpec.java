package dev.herald.internal.filter;

import java.util.List;

/** The value at the path is an array holding the scalar among its top-level elements ({@code exists: 'f["v"]'}). */
public final class ArrayContainsSpec extends ConditionSpec {
  private final Object element; // canonical scalar

  public ArrayContainsSpec(String path, Object scalar) {
    super(path);
    this.element = Values.canonicalScalar(scalar);
  }

  public Object element() {
    return element;
  }

  @Override
  public Kind kind() {
    return Kind.ARRAY_CONTAINS;
  }

  @Override
  public boolean test(Object value) {
    List<Object> items = Values.asList(value);
    if (items == null) {
      return false;
    }
    for (int i = 0, n = items.size(); i < n; i++) {
      Object e = items.get(i);
      if ((Values.type(e) & Values.SCALARS) != 0 && Values.sameScalar(e, element)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int acceptedTypes() {
    return Values.ARRAY;
  }

  @Override
  protected void writeCanonical(StringBuilder out) {
    out.append("[\"contains\",");
    Canonical.string(out, path);
    out.append(',');
    Canonical.value(out, element);
    out.append(']');
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayContainsSpec
        && ((ArrayContainsSpec) o).path.equals(path)
        && java.util.Objects.equals(((ArrayContainsSpec) o).element, element);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 11 + java.util.Objects.hashCode(element);
  }
}
