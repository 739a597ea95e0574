package dev.herald.benchmarks;

import dev.herald.filter.Document;
import dev.herald.filter.FilterEngine;

/**
 * A {@link Workload} registered in a fresh engine, checked, and ready to match: its documents are
 * given round-robin by {@link #matchNext()}. For one benchmark thread.
 */
final class RegisteredWorkload {
  static final String INDEX = "bench";
  /** Above this many filters, the shape is checked on a sample of the documents (PARTIAL in may be slow). */
  private static final int FULL_CHECK_LIMIT = 100_000;

  final Workload workload;
  final FilterEngine engine;
  final Document[] documents;
  private int next;

  private RegisteredWorkload(Workload workload, FilterEngine engine) {
    this.workload = workload;
    this.engine = engine;
    this.documents = workload.documents();
  }

  /**
   * Registers the workload's filters and checks that each one is distinct and that the documents
   * have the workload's shape; prints what it did (JMH shows it in the fork's output).
   */
  static RegisteredWorkload of(Workload workload) {
    FilterEngine engine = FilterEngine.create();
    long start = System.nanoTime();
    workload.forEachFilter(f -> engine.register(INDEX, f));
    long registered = System.nanoTime() - start;
    long distinct = engine.stats().filters();
    if (distinct != workload.filters()) {
      throw new IllegalStateException(workload + ": " + distinct + " distinct filters");
    }
    RegisteredWorkload r = new RegisteredWorkload(workload, engine);
    int sample = workload.filters() > FULL_CHECK_LIMIT ? 16 : Workload.DOCUMENTS;
    double mean = workload.verify(d -> engine.countMatches(INDEX, d), sample);
    System.out.printf("%s: registered in %.1f s (%.1f us per filter), %.1f matches per document%n", workload,
        registered / 1e9, registered / 1e3 / workload.filters(), mean);
    return r;
  }

  /** Matches the next document of the round-robin; returns the number of matching filters. */
  int matchNext() {
    Document d = documents[next];
    next = (next + 1) & (Workload.DOCUMENTS - 1);
    return engine.countMatches(INDEX, d);
  }
}
