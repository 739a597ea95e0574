package dev.herald.benchmarks;

/**
 * The JMH settings the suite's benchmark classes share (referenced from their annotations): one fork
 * each, and short iterations, so the whole suite runs in under 30 minutes on a 2-core machine (see
 * {@code benchmarks/JMH.md}). Command-line options override them, e.g. {@code -f 3 -wi 5 -i 10 -r 1s}
 * for tighter error bars on one benchmark.
 */
final class Settings {
  /** Forks per benchmark and parameter combination. */
  static final int FORKS = 1;
  /** Warm-up iterations; the workloads are small loops, compiled well within them. */
  static final int WARMUP_ITERATIONS = 3;
  /** Measured iterations. */
  static final int MEASUREMENT_ITERATIONS = 4;
  /** Length of each warm-up and measured iteration, in milliseconds. */
  static final int ITERATION_MILLIS = 500;

  private Settings() {}
}
