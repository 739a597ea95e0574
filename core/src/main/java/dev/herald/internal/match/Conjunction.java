package dev.herald.internal.match;

import java.util.Arrays;

/**
 * An AND of literals shared by every filter whose normal form holds it; as a {@link FilterPosting},
 * the filters.
 * It is reached through one access condition (a positive literal, picked for selectivity) and
 * verified on the others; one with no positive literal is a candidate for every document.
 * Literals are stored positives first: {@code conditions[i]} is positive when {@code i < positives}.
 * The most common conjunction, a single positive literal, stores no array: it is its access
 * condition alone ({@link #single}).
 */
final class Conjunction extends FilterPosting {
  private static final Condition[] NONE = new Condition[0];

  final Condition[] conditions;
  final int positives;
  final Condition access; // null: always a candidate
  private final int hash;
  int refs; // writer only

  Conjunction(Condition[] conditions, int positives, Condition access) {
    this.conditions = conditions;
    this.positives = positives;
    this.access = access;
    this.hash = Arrays.hashCode(conditions) * 31 + positives;
  }

  private Conjunction(Condition only) {
    this.conditions = NONE;
    this.positives = 0;
    this.access = only;
    this.hash = System.identityHashCode(only) * 31 + 1;
  }

  /** The conjunction of one positive literal. */
  static Conjunction single(Condition only) {
    return new Conjunction(only);
  }

  /** Whether this is the conjunction of one positive literal, its access condition. */
  boolean isSingle() {
    return conditions.length == 0 && access != null;
  }

  /** Every condition of the conjunction, the access one included. */
  Condition[] allConditions() {
    return conditions.length == 0 && access != null ? new Condition[] {access} : conditions;
  }

  /** Whether every literal but the access one holds for the document in {@code s}. */
  boolean verify(Scratch s) {
    Condition[] cs = conditions;
    for (int i = 0; i < cs.length; i++) {
      Condition c = cs[i];
      if (c != access && c.test(s) != (i < positives)) {
        return false;
      }
    }
    return true;
  }

  // Equality on the literals (conditions are canonical objects, compared by identity): used only
  // to find an existing conjunction at registration.
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Conjunction)) {
      return false;
    }
    Conjunction c = (Conjunction) o;
    return c.hash == hash && c.positives == positives && Arrays.equals(c.conditions, conditions)
        && (conditions.length > 0 || c.access == access);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
