package dev.herald.internal.match;

import dev.herald.internal.filter.NormalizedFilter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Partitions (one per index name), the ids they share, and per-thread scratch. The engine behind
 * {@link dev.herald.filter.FilterEngine}.
 *
 * <p>Thread-safe. Registration and removal lock one partition; matching locks nothing and allocates
 * nothing on the common path beyond what the caller asks to receive.
 */
public final class MatchEngine {
  final IdAllocator nodeIds = new IdAllocator();
  final IdAllocator conditionSlots = new IdAllocator();
  final IdAllocator filterSlots = new IdAllocator();
  final LongAdder filterCount = new LongAdder();
  final LongAdder conjunctionCount = new LongAdder();
  final LongAdder conditionCount = new LongAdder();

  /** A power of two: more slots than threads that usually match at once, so that few share one. */
  private static final int SCRATCH_SLOTS = 128;

  private final ConcurrentHashMap<String, Partition> partitions = new ConcurrentHashMap<>();
  private final Executor maintenance;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
  /**
   * A shortcut to each thread's scratch, indexed by thread id: finding it here takes three dependent
   * loads where {@code ThreadLocal.get} takes five, a tenth of matching a one-field document. A slot
   * is only a hint, read and written without synchronization: a thread uses the scratch it finds
   * only if that scratch says it is its own (its owner is final, so seen as constructed); else it
   * asks the thread local and takes the slot. A finished thread's scratch stays in its slot until
   * another thread takes the slot over.
   */
  private final Scratch[] scratchByThread = new Scratch[SCRATCH_SLOTS];
  /** The partition last found in {@link #partitions}, by any thread (see {@link #partition}). */
  @SuppressWarnings("unused") // accessed through LAST_PARTITION
  private Partition lastPartition;

  private static final VarHandle LAST_PARTITION;

  static {
    try {
      LAST_PARTITION = MethodHandles.lookup().findVarHandle(MatchEngine.class, "lastPartition", Partition.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * @param maintenance runs the engine's background upkeep (merging the levels of range indexes
   *     that matching found fragmented); each task takes a partition's lock like a writer
   */
  public MatchEngine(Executor maintenance) {
    this.maintenance = maintenance;
  }

  /** Runs an upkeep task on the maintenance executor; dropped if the executor refuses it. */
  void maintain(Runnable task) {
    try {
      maintenance.execute(task);
    } catch (RejectedExecutionException e) {
      // Upkeep only makes matching faster: skipping it is always correct.
    }
  }

  /** Registers a normalized filter under an index; returns its id. */
  public String register(String index, NormalizedFilter filter) {
    while (true) {
      Partition p = partitions.computeIfAbsent(index, name -> new Partition(name, this));
      p.lock.lock();
      try {
        if (p.dead) {
          continue; // emptied and dropped meanwhile: take the new one
        }
        return p.registerLocked(filter).id;
      } finally {
        p.lock.unlock();
      }
    }
  }

  /** Removes one registration of a filter; true if it was registered under that index. */
  public boolean remove(String index, String filterId) {
    Partition p = partitions.get(index);
    if (p == null) {
      return false;
    }
    p.lock.lock();
    try {
      if (p.dead) {
        return false;
      }
      boolean removed = p.removeLocked(filterId);
      if (p.isEmpty()) {
        p.dead = true;
        partitions.remove(index, p);
      }
      return removed;
    } finally {
      p.lock.unlock();
    }
  }

  public boolean contains(String index, String filterId) {
    Partition p = partitions.get(index);
    return p != null && p.record(filterId) != null;
  }

  public List<String> filterIds(String index) {
    Partition p = partitions.get(index);
    return p == null ? List.of() : p.idList();
  }

  public Set<String> indexes() {
    return Set.copyOf(partitions.keySet());
  }

  /**
   * Calls {@code action} with the id of each filter of {@code index} the document matches, once
   * each, after matching is complete (so the action may itself match).
   */
  public void match(String index, Map<?, ?> document, String documentId, Consumer<? super String> action) {
    Scratch s = acquire();
    try {
      Partition p = partition(s, index);
      if (p == null) {
        return;
      }
      p.collect(s, document, documentId);
      for (int i = 0; i < s.outCount; i++) {
        action.accept(s.id(i));
      }
    } finally {
      s.end();
      s.inUse = false;
    }
  }

  /** The ids of the matching filters, in no particular order (a list that may be sorted, not resized). */
  public List<String> match(String index, Map<?, ?> document, String documentId) {
    Scratch s = acquire();
    try {
      Partition p = partition(s, index);
      if (p == null) {
        return List.of();
      }
      p.collect(s, document, documentId);
      return s.answer();
    } finally {
      s.end();
      s.inUse = false;
    }
  }

  /** How many filters of {@code index} the document matches; allocates nothing. */
  public int count(String index, Map<?, ?> document, String documentId) {
    Scratch s = acquire();
    s.keepIds = false;
    try {
      Partition p = partition(s, index);
      if (p == null) {
        return 0;
      }
      p.collect(s, document, documentId);
      return s.outCount;
    } finally {
      s.keepIds = true;
      s.end();
      s.inUse = false;
    }
  }

  /**
   * The partition of {@code index}, or null. Most engines serve one index, so the partition any
   * thread last looked up in the map is tried first; else the one this thread matched last, in its
   * scratch; else the map, and both remember the answer. The shared hint is reached from the engine
   * alone, so its lookup runs alongside the search for this thread's scratch rather than after it
   * (matching a one-field document is bound by such chains of dependent loads), and it is written
   * only after a map lookup, so threads that keep to different indexes do not take turns writing
   * it. A remembered partition that was removed since is dead; one registered in its place holds
   * only filters registered after the removal, so after this match had started.
   */
  private Partition partition(Scratch s, String index) {
    Partition p = (Partition) LAST_PARTITION.getAcquire(this);
    if (serves(p, index)) {
      return p;
    }
    p = s.lastPartition;
    if (serves(p, index)) {
      return p;
    }
    p = partitions.get(index);
    s.lastPartition = p;
    if (p != null) {
      LAST_PARTITION.setRelease(this, p);
    }
    return p;
  }

  /** Whether a remembered partition is that of {@code index} and still in use. */
  private static boolean serves(Partition p, String index) {
    return p != null && (p.name == index || p.name.equals(index)) && !p.dead;
  }

  /** This thread's scratch at the first nesting level that is not in use, marked in use. */
  Scratch acquire() {
    Thread t = Thread.currentThread();
    int slot = (int) t.getId() & (SCRATCH_SLOTS - 1);
    Scratch s = scratchByThread[slot];
    if (s == null || !s.owner.refersTo(t)) {
      s = scratch.get();
      scratchByThread[slot] = s;
    }
    while (s.inUse) {
      s = s.child(); // re-entered from an action: use the next level
    }
    s.inUse = true;
    return s;
  }

  /** {indexes, filters, conjunctions, conditions, paths}. */
  public long[] stats() {
    long paths = 0;
    int indexes = 0;
    for (Partition p : partitions.values()) {
      p.lock.lock();
      try {
        if (!p.dead) {
          indexes++;
          paths += p.sizesLocked()[2];
        }
      } finally {
        p.lock.unlock();
      }
    }
    return new long[] {indexes, filterCount.sum(), conjunctionCount.sum(), conditionCount.sum(), paths};
  }
}
