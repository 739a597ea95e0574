package dev.herald.benchmarks;

/**
 * How the documents of a matching workload relate to its filters (see {@link Workload} for the
 * filters and documents of each keyword).
 */
public enum Shape {
  /** The documents carry every field the filters test, with values no filter accepts: 0 matches. */
  MISS,
  /**
   * The documents match about {@link Workload#HITS} filters each, through overlapping shapes and
   * ranges or through values many filters share.
   */
  HIT_HEAVY,
  /**
   * The counting-adversarial case: every filter is {@code and(<keyword condition>, equals user:<id>)},
   * every document satisfies the keyword condition of every filter but carries the user of only one
   * of them, so it completes exactly 1 filter while satisfying half the conditions of all the others.
   */
  PARTIAL
}
