package dev.herald.internal.match;

import dev.herald.internal.filter.ConditionSpec;
import dev.herald.internal.filter.GeoSpec;

/**
 * A distinct condition of a partition, shared by every conjunction that uses it. When some
 * conjunction picks it as its access condition, it is filed in its node's index of its kind, and
 * its posting lists those conjunctions.
 */
final class Condition extends Posting {
  final ConditionSpec spec;
  final PathNode node;
  /** Slot for per-document memoization in {@link Scratch}. */
  final int slot;
  /** Whether an index hit proves the condition (else the hit is a candidate to test). */
  final boolean exactOnHit;
  /** Whether a test is worth remembering for the rest of the document (regexps, geo, match, select). */
  final boolean costly;
  /** Whether its index reports it at most once per document (not so for array elements, match, select). */
  final boolean hitAtMostOnce;
  /**
   * The id of the filter reached through this condition when the condition is the whole of that
   * filter (one conjunction of this one literal) and no other conjunction uses it as access: a hit
   * then emits the id directly, without touching a conjunction or a filter record, or checking for a
   * repeat. Null otherwise. The writer clears it before the filter dies and sets it before it
   * publishes the partition's version, through {@code Partition.setDirect}, which also keeps the
   * copies that stand for the condition in the {@link KeyPosting}s it is filed in.
   */
  String directId;

  // Writer-only state.
  int literalRefs;
  int accessRefs;
  /** The conjunction of this literal alone, when some filter holds it. */
  Conjunction alone;

  Condition(ConditionSpec spec, PathNode node, int slot) {
    this.spec = spec;
    this.node = node;
    this.slot = slot;
    ConditionSpec.Kind k = spec.kind();
    this.exactOnHit = k != ConditionSpec.Kind.MATCH;
    this.costly = k == ConditionSpec.Kind.REGEXP || k == ConditionSpec.Kind.GEO
        || k == ConditionSpec.Kind.MATCH || k == ConditionSpec.Kind.SELECT;
    this.hitAtMostOnce = k == ConditionSpec.Kind.EQUALS || k == ConditionSpec.Kind.EXISTS
        || k == ConditionSpec.Kind.RANGE || k == ConditionSpec.Kind.REGEXP || k == ConditionSpec.Kind.GEO;
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

  @Override
  public String toString() {
    return spec.toString();
  }
}
