package dev.herald.benchmarks;

import dev.herald.filter.Document;
import dev.herald.filter.FilterEngine;

/**
 * The baseline every index must beat: each filter alone, tried on the document one after the other.
 * Built with the public API only, each filter in an index of its own, so the semantics are exactly
 * the engine's; a scan pays, per filter, one lookup of the index by name (the name's hash is cached)
 * and one match of the document against a single filter. Not thread-safe to build; matching is.
 */
final class NaiveScan {
  private final FilterEngine engine = FilterEngine.create();
  private final String[] indexes;
  private int size;

  NaiveScan(int capacity) {
    this.indexes = new String[capacity];
  }

  /** Builds the scan of a workload's filters. */
  static NaiveScan of(Workload workload) {
    NaiveScan scan = new NaiveScan(workload.filters());
    workload.forEachFilter(scan::add);
    return scan;
  }

  void add(String filter) {
    String index = "f" + size;
    engine.register(index, filter);
    indexes[size++] = index;
  }

  /** How many filters match the document, trying each one. */
  int countMatches(Document document) {
    int matches = 0;
    for (int i = 0; i < size; i++) {
      matches += engine.countMatches(indexes[i], document);
    }
    return matches;
  }
}
