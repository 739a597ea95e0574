package dev.herald.internal.match;

import java.util.Arrays;

/**
 * An AND of literals shared by every filter whose normal form holds it. It is reached through one
 * access condition (a positive literal, picked for selectivity) and verified on the others; one with
 * no positive literal is a candidate for every document.
 */
final class Conjunction extends Member {
  final Condition[] conditions;
  final boolean[] positive;
  final Condition access; // null: always a candidate
  final Members filters = new Members();
  private final int hash;
  int refs; // writer only

  Conjunction(Condition[] conditions, boolean[] positive, Condition access) {
    this.conditions = conditions;
    this.positive = positive;
    this.access = access;
    this.hash = Arrays.hashCode(conditions) * 31 + Arrays.hashCode(positive);
  }

  /** Whether every literal but the access one holds for the document in {@code s}. */
  boolean verify(Scratch s) {
    Condition[] cs = conditions;
    for (int i = 0; i < cs.length; i++) {
      Condition c = cs[i];
      if (c != access && c.test(s) != positive[i]) {
        return false;
      }
    }
    return true;
  }

  // Equality on the literals (conditions are canonical objects, compared by identity): used only
  // to find an existing conjunction at registration.
  @Override
  public boolean equals(Object o) {
    return o instanceof Conjunction && ((Conjunction) o).hash == hash
        && Arrays.equals(((Conjunction) o).conditions, conditions)
        && Arrays.equals(((Conjunction) o).positive, positive);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
