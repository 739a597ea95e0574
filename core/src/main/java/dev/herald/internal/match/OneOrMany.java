package dev.herald.internal.match;

/**
 * Most index keys hold a single condition: such a slot holds the {@link Condition} itself, and
 * becomes {@link Members} only when a second one arrives (saving two objects per key). Writer only;
 * readers check {@code instanceof Condition}.
 */
final class OneOrMany {
  private OneOrMany() {}

  /** The slot's new content after adding {@code c} (the same object when it changed in place). */
  static Object add(Object slot, Condition c) {
    if (slot == null) {
      return c;
    }
    if (slot instanceof Members) {
      ((Members) slot).add(c);
      return slot;
    }
    Members m = new Members();
    m.add((Condition) slot);
    m.add(c);
    return m;
  }

  /** The slot's new content after removing {@code c}: null when empty, the single one when one is left. */
  static Object remove(Object slot, Condition c) {
    if (slot == c) {
      return null;
    }
    if (slot instanceof Members) {
      Members m = (Members) slot;
      m.remove(c);
      if (m.isEmpty()) {
        return null;
      }
      Member only = m.single();
      return only != null ? only : m;
    }
    return slot;
  }
}
