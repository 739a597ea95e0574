package dev.herald.internal.filter;

import java.util.List;

/**
 * The value at the path is an array whose element at {@code index} (negative counts from the end)
 * exists and satisfies an inner filter, tested on the document {@code {"value": element}}.
 */
public final class SelectSpec extends ConditionSpec {
  private final int index;
  private final NormalizedFilter query;

  public SelectSpec(String path, int index, NormalizedFilter query) {
    super(path);
    this.index = index;
    this.query = query;
  }

  public int index() {
    return index;
  }

  public NormalizedFilter query() {
    return query;
  }

  /** The selected element of an array value, or {@link #NONE} when there is none. */
  public Object element(Object value) {
    List<Object> items = Values.asList(value);
    if (items == null) {
      return NONE;
    }
    int i = index < 0 ? items.size() + index : index;
    return i >= 0 && i < items.size() ? items.get(i) : NONE;
  }

  /** Marks the absence of a selected element. */
  public static final Object NONE = new Object();

  @Override
  public Kind kind() {
    return Kind.SELECT;
  }

  @Override
  public boolean test(Object value) {
    Object e = element(value);
    return e != NONE && query.matchesValue(e);
  }

  @Override
  public int acceptedTypes() {
    return Values.ARRAY;
  }

  @Override
  protected void writeCanonical(StringBuilder out) {
    out.append("[\"select\",");
    Canonical.string(out, path);
    out.append(',').append(index).append(',').append(query.canonical()).append(']');
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SelectSpec && ((SelectSpec) o).path.equals(path)
        && ((SelectSpec) o).index == index && ((SelectSpec) o).query.canonical().equals(query.canonical());
  }

  @Override
  public int hashCode() {
    return (path.hashCode() * 31 + index) * 31 + query.canonical().hashCode();
  }
}
