package dev.herald.internal.range;

/** Seeds for randomized tests: {@code -Dherald.seed=N} replays a run; otherwise a fixed default. */
final class TestSeeds {
  private TestSeeds() {}

  /** The seed to use, printed so a failing run can be replayed. */
  static long seed(String test, long fallback) {
    Long given = Long.getLong("herald.seed");
    long seed = given == null ? fallback : given;
    System.out.println(test + ": seed " + seed + " (replay with -Dherald.seed=" + seed + ")");
    return seed;
  }
}
