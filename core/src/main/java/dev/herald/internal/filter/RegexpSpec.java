package dev.herald.internal.filter;

import dev.herald.internal.regex.RegexpPattern;

/** The value at the path is a string in which the pattern is found. */
public final class RegexpSpec extends ConditionSpec {
  private final RegexpPattern pattern;

  public RegexpSpec(String path, RegexpPattern pattern) {
    super(path);
    this.pattern = pattern;
  }

  public RegexpPattern pattern() {
    return pattern;
  }

  @Override
  public Kind kind() {
    return Kind.REGEXP;
  }

  @Override
  public boolean test(Object value) {
    if (value instanceof String) {
      return pattern.matches((String) value);
    }
    if (value == null || value instanceof Number || value instanceof Boolean) {
      return false; // decided without a failed interface test, which is slow on JDK 17
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return pattern.matches(value.toString());
    }
    return false;
  }

  @Override
  public int acceptedTypes() {
    return Values.STRING;
  }

  @Override
  protected void writeCanonical(StringBuilder out) {
    out.append("[\"regexp\",");
    Canonical.string(out, path);
    out.append(',');
    Canonical.string(out, pattern.source());
    out.append(',');
    Canonical.string(out, pattern.flags());
    out.append(']');
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegexpSpec && ((RegexpSpec) o).path.equals(path)
        && ((RegexpSpec) o).pattern.source().equals(pattern.source())
        && ((RegexpSpec) o).pattern.flags().equals(pattern.flags());
  }

  @Override
  public int hashCode() {
    return (path.hashCode() * 31 + pattern.source().hashCode()) * 31 + pattern.flags().hashCode();
  }
}
