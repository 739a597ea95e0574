package dev.herald.filter;

import dev.herald.internal.filter.NormalizedFilter;

/**
 * A validated filter in normal form, ready to register. Equivalent filters (reordered {@code and}
 * and {@code or} operands, {@code in} versus an {@code or} of {@code equals}, {@code missing} versus
 * {@code not exists}, {@code bool} rewrites, De Morgan) have the same {@link #id()}.
 *
 * <p>Immutable and thread-safe. Get one from {@link FilterEngine#parse}.
 */
public final class Filter {
  private final NormalizedFilter normalized;

  Filter(NormalizedFilter normalized) {
    this.normalized = normalized;
  }

  /** 64 hexadecimal characters, the same in every process and for every equivalent filter. */
  public String id() {
    return normalized.id();
  }

  /** Leaf conditions counted against the engine's {@code maxConditions}. */
  public int conditions() {
    return normalized.conditions();
  }

  /** AND-terms of the normal form (0: matches nothing). */
  public int conjunctions() {
    return normalized.conjunctions().length;
  }

  /** Whether the filter matches every document ({@code {}} or an equivalent). */
  public boolean matchesEverything() {
    return normalized.conjunctions().length == 1 && normalized.conjunctions()[0].length == 0;
  }

  /** Whether the filter matches no document ({@code nothing}, or a contradiction). */
  public boolean matchesNothing() {
    return normalized.conjunctions().length == 0;
  }

  NormalizedFilter normalized() {
    return normalized;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Filter && ((Filter) o).id().equals(id());
  }

  @Override
  public int hashCode() {
    return id().hashCode();
  }

  /** The normal form as canonical JSON: an array (OR) of arrays (AND) of conditions. */
  @Override
  public String toString() {
    return normalized.canonical();
  }
}
