package dev.herald.filter;

/**
 * A snapshot of what a {@link FilterEngine} holds. Equivalent filters share one entry, and filters
 * share their conditions and conjunctions, so these counts grow with distinct content, not with
 * registrations.
 *
 * @param indexes indexes holding at least one filter
 * @param filters distinct registered filters, summed over indexes
 * @param conjunctions distinct AND-terms of the filters' normal forms
 * @param conditions distinct leaf conditions
 * @param paths distinct field paths the conditions read
 */
public record FilterEngineStats(int indexes, long filters, long conjunctions, long conditions, long paths) {}
