package dev.herald.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.internal.filter.FilterCompiler;
import dev.herald.internal.filter.FilterLimits;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One partition driven the way {@link MatchEngine} drives it, for tests that look inside: registering
 * and removing under the lock, matching with a scratch of its own, and checking the writer's
 * bookkeeping of inline hit data against what readers see.
 */
final class PartitionFixture {
  final MatchEngine engine = new MatchEngine(Runnable::run);
  final Partition partition = new Partition("i", engine);
  private final FilterCompiler compiler = new FilterCompiler(FilterLimits.DEFAULT);
  private final Scratch scratch = new Scratch();

  /** Registers a filter given as JSON; returns its id. */
  String register(String json) {
    partition.lock.lock();
    try {
      return partition.registerLocked(compiler.compile(json)).id;
    } finally {
      partition.lock.unlock();
    }
  }

  boolean remove(String id) {
    partition.lock.lock();
    try {
      return partition.removeLocked(id);
    } finally {
      partition.lock.unlock();
    }
  }

  /** The ids the document matches, checked to be emitted once each. */
  Set<String> match(Map<String, ?> document) {
    return match(document, null);
  }

  /** As {@link #match(Map)}, for a document with an id (which stands for any "_id" field). */
  Set<String> match(Map<String, ?> document, String documentId) {
    partition.collect(scratch, document, documentId);
    try {
      List<String> out = scratch.answer();
      Set<String> ids = new HashSet<>(out);
      assertThat(ids).as("ids emitted once each").hasSameSizeAs(out);
      return ids;
    } finally {
      scratch.end();
    }
  }

  /** How many filters the document matches, counted without keeping their ids. */
  int count(Map<String, ?> document) {
    scratch.keepIds = false;
    try {
      partition.collect(scratch, document, null);
      return scratch.outCount;
    } finally {
      scratch.keepIds = true;
      scratch.end();
    }
  }

  /** Merges the range index of a path into one tree, as the maintenance executor would. */
  void compactRanges(String path) {
    partition.lock.lock();
    try {
      partition.trie.node(path).ranges.compact();
    } finally {
      partition.lock.unlock();
    }
  }

  boolean rangesFragmented(String path) {
    partition.lock.lock();
    try {
      return partition.trie.node(path).ranges.isFragmented();
    } finally {
      partition.lock.unlock();
    }
  }

  boolean probesFieldsByKey() {
    partition.lock.lock();
    try {
      return partition.probesFieldsByKey();
    } finally {
      partition.lock.unlock();
    }
  }

  boolean probesOneFieldByKey() {
    partition.lock.lock();
    try {
      return partition.probesOneFieldByKey();
    } finally {
      partition.lock.unlock();
    }
  }

  boolean isFlat() {
    partition.lock.lock();
    try {
      return partition.isFlat();
    } finally {
      partition.lock.unlock();
    }
  }

  FilterRecord record(String id) {
    return partition.record(id);
  }

  /**
   * Every registered filter's entry in each of its conjunctions is where its record says, with its id
   * and slot; and each conjunction holds as many live entries as filters hold it.
   */
  void assertEntriesConsistent() {
    Map<Conjunction, Integer> holders = new IdentityHashMap<>();
    for (String id : partition.ids()) {
      FilterRecord rec = partition.record(id);
      for (int i = 0; i < rec.conjunctionCount(); i++) {
        Conjunction c = rec.conjunction(i);
        holders.merge(c, 1, Integer::sum);
        Object f = c.filters;
        if (f instanceof FilterRecord) {
          assertThat(f).as("only filter of its conjunction").isSameAs(rec);
        } else {
          FilterPosting.Entries e = (FilterPosting.Entries) f;
          int p = rec.position(i);
          assertThat(e.ids[p]).as("id at the position of %s", id).isSameAs(rec.id);
          assertThat(e.slots[p]).as("slot at the position of %s", id).isEqualTo(rec.slot);
        }
      }
    }
    holders.forEach((c, n) -> {
      assertThat(c.filterCount()).as("filters of a conjunction").isEqualTo(n);
      if (c.filters instanceof FilterPosting.Entries e) {
        long live = Arrays.stream(e.ids).filter(x -> x != null && x != FilterPosting.GONE).count();
        assertThat(live).as("live entries of a conjunction").isEqualTo((long) n);
      }
    });
  }

  /** No filter, conjunction, condition or path is left. */
  void assertEmpty() {
    partition.lock.lock();
    try {
      assertThat(partition.filterCount()).isZero();
      assertThat(partition.sizesLocked()).containsExactly(0L, 0L, 0L);
    } finally {
      partition.lock.unlock();
    }
  }

  /** What an index key of a path's equality index holds: a condition, a {@link KeyPosting}, or null. */
  Object equalityKey(String path, Object value) {
    PathNode n = partition.trie.node(path);
    return n == null || n.equals == null ? null : n.equals.get(PathNode.key(value));
  }
}
