package dev.herald.internal.match;

import java.util.function.Function;

/**
 * Most index keys hold a single condition: such a slot holds the {@link Condition} itself, and
 * becomes a {@link KeyPosting} only when a second one arrives (saving two objects per key). Writer
 * only; readers check {@code instanceof Condition}.
 */
final class OneOrMany {
  private OneOrMany() {}

  /** The slot's new content after adding {@code c} (the same object when it changed in place). */
  static Object add(Object slot, Condition c) {
    if (slot == null) {
      return c;
    }
    if (slot instanceof KeyPosting) {
      ((KeyPosting) slot).addCondition(c);
      return slot;
    }
    KeyPosting k = new KeyPosting();
    k.addCondition((Condition) slot);
    k.addCondition(c);
    return k;
  }

  /**
   * The slot's new content after removing {@code c}: null when empty, the single one when one is left
   * ({@code conditionOf} turns a direct id back into its condition, see {@link KeyPosting#sole}).
   */
  static Object remove(Object slot, Condition c, Function<String, Condition> conditionOf) {
    if (slot == c) {
      return null;
    }
    if (slot instanceof KeyPosting) {
      KeyPosting k = (KeyPosting) slot;
      k.removeCondition(c);
      int left = k.conditionCount();
      if (left == 0) {
        return null;
      }
      Condition only = left == 1 ? k.sole(conditionOf) : null;
      return only != null ? only : k;
    }
    return slot;
  }
}
