package dev.herald.internal.filter;

/** A condition or its negation, as it stands in a conjunction. */
public record Literal(ConditionSpec spec, boolean positive) implements Comparable<Literal> {
  public Literal negate() {
    return new Literal(spec, !positive);
  }

  /** Whether the literal holds for a document where the path is present with {@code value} (or absent). */
  public boolean holds(boolean present, Object value) {
    boolean t = present && spec.test(value);
    return t == positive;
  }

  @Override
  public int compareTo(Literal o) {
    int c = spec.compareTo(o.spec);
    return c != 0 ? c : Boolean.compare(!positive, !o.positive);
  }

  public void writeCanonical(StringBuilder out) {
    if (positive) {
      out.append(spec.canonical());
    } else {
      out.append("[\"not\",").append(spec.canonical()).append(']');
    }
  }
}
