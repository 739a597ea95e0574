package dev.herald.internal.filter;

/**
 * One leaf condition of a normalized filter, in positive form: a keyword applied to one field path.
 * Immutable; equal when they select the same values at the same path (structural equality), which is
 * how filters share conditions.
 */
public abstract class ConditionSpec implements Comparable<ConditionSpec> {
  /** Leaf keywords after rewriting ({@code in}, {@code ids} and {@code match} on scalars become EQUALS). */
  public enum Kind {
    EQUALS,
    EXISTS,
    ARRAY_CONTAINS,
    RANGE,
    REGEXP,
    GEO,
    MATCH,
    SELECT
  }

  protected final String path;
  private String canonical; // computed on first use; normalization-time only

  protected ConditionSpec(String path) {
    this.path = path;
  }

  public final String path() {
    return path;
  }

  public abstract Kind kind();

  /**
   * Whether the condition holds for a value present at its path (a JSON tree value; numbers of any
   * type). A missing field satisfies no positive condition.
   */
  public abstract boolean test(Object value);

  /** The JSON types ({@link Values} bits) a value must have for {@link #test} to be able to hold. */
  public abstract int acceptedTypes();

  /** How many conditions this counts for against {@code maxConditions}. */
  public int weight() {
    return 1;
  }

  /** Appends this condition's canonical JSON (an array starting with its kind) to {@code out}. */
  protected abstract void writeCanonical(StringBuilder out);

  /** Canonical JSON text: deterministic, and equal exactly when the conditions are equal. */
  public final String canonical() {
    String c = canonical;
    if (c == null) {
      StringBuilder sb = new StringBuilder(32);
      writeCanonical(sb);
      c = sb.toString();
      canonical = c;
    }
    return c;
  }

  /**
   * Forgets the cached canonical text (recomputed when asked again): the engine keeps many specs
   * and needs their text only while normalizing.
   */
  public final void trim() {
    canonical = null;
  }

  @Override
  public int compareTo(ConditionSpec o) {
    return canonical().compareTo(o.canonical());
  }

  @Override
  public String toString() {
    return canonical();
  }
}
