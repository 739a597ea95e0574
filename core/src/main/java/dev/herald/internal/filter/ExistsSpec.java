package dev.herald.internal.filter;

/** The path is present in the document, whatever its value (null, false, [] and {} included). */
public final class ExistsSpec extends ConditionSpec {
  public ExistsSpec(String path) {
    super(path);
  }

  @Override
  public Kind kind() {
    return Kind.EXISTS;
  }

  @Override
  public boolean test(Object value) {
    return true;
  }

  @Override
  public int acceptedTypes() {
    return Values.ANY;
  }

  @Override
  protected void writeCanonical(StringBuilder out) {
    out.append("[\"exists\",");
    Canonical.string(out, path);
    out.append(']');
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExistsSpec && ((ExistsSpec) o).path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 7 + 1;
  }
}
