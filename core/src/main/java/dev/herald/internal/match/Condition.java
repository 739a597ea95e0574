package dev.herald.internal.match;

import dev.herald.internal.filter.ConditionSpec;
import dev.herald.internal.filter.GeoSpec;

/**
 * A distinct condition of a partition, shared by every conjunction that uses it. When some
 * conjunction picks it as its access condition, it is filed in its node's index of its kind, and
 * {@link #accessors} lists those conjunctions.
 */
final class Condition extends Member {
  final ConditionSpec spec;
  final PathNode node;
  /** Slot for per-document memoization in {@link Scratch}. */
  final int slot;
  /** Whether an index hit proves the condition (else the hit is a candidate to test). */
  final boolean exactOnHit;
  /** Whether a test is worth remembering for the rest of the document (regexps, geo, match, select). */
  final boolean costly;
  final Members accessors = new Members();

  // Writer-only state.
  int literalRefs;
  int accessRefs;
  /** Where the condition is filed when it gives access (a MATCH may be filed under another path). */
  Access access;

  Condition(ConditionSpec spec, PathNode node, int slot) {
    this.spec = spec;
    this.node = node;
    this.slot = slot;
    ConditionSpec.Kind k = spec.kind();
    this.exactOnHit = k != ConditionSpec.Kind.MATCH;
    this.costly = k == ConditionSpec.Kind.REGEXP || k == ConditionSpec.Kind.GEO
        || k == ConditionSpec.Kind.MATCH || k == ConditionSpec.Kind.SELECT;
  }

  /** Tests the condition on the document held by {@code s}, remembering costly results. */
  boolean test(Scratch s) {
    if (!s.isPresent(node)) {
      return false;
    }
    if (!costly) {
      return spec.test(s.value(node));
    }
    int memo = s.memo(this);
    if (memo >= 0) {
      return memo == 1;
    }
    boolean r = spec instanceof GeoSpec ? ((GeoSpec) spec).test(s.point(node)) : spec.test(s.value(node));
    s.remember(this, r);
    return r;
  }

  /** Where and how an access condition is filed. */
  static final class Access {
    enum Index { EQUALS, ELEMENTS, EXISTS, RANGE, REGEXP, GEO, SCAN, SELECT }

    final Index index;
    final PathNode node;
    /** For EQUALS and ELEMENTS: the keys (canonical scalars, {@link PathNode#NULL_KEY} for null). */
    final Object[] keys;
    /** For a MATCH filed under a deeper path: the path interned for it, released on removal. */
    final String internedPath;

    Access(Index index, PathNode node, Object[] keys, String internedPath) {
      this.index = index;
      this.node = node;
      this.keys = keys;
      this.internedPath = internedPath;
    }
  }

  @Override
  public String toString() {
    return spec.toString();
  }
}
