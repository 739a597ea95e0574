package dev.herald.internal.filter;

/**
 * Limits applied while compiling a filter.
 *
 * @param maxConditions leaf conditions in the filter (each value of {@code in} or {@code ids} counts)
 * @param maxConjunctions AND-terms of the normal form
 * @param maxDepth JSON nesting of the filter
 * @param maxRegexpLength characters of one regular expression
 */
public record FilterLimits(int maxConditions, int maxConjunctions, int maxDepth, int maxRegexpLength) {
  public static final FilterLimits DEFAULT = new FilterLimits(100, 256, 64, 4096);
}
