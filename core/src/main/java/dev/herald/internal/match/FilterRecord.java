package dev.herald.internal.match;

/**
 * A registered filter: its id, its conjunctions, where its entry sits in each of them, and how many
 * registrations hold it.
 *
 * <p>A hit does not read records: a conjunction keeps its filters' ids and slots inline
 * ({@link FilterPosting}), except when a single filter holds it. The record is the writer's: it keeps
 * the position of its entry in each conjunction so that removing the filter tombstones that entry in
 * O(1), however many filters share the conjunction. Most filters have one or two conjunctions, so
 * those shapes get classes of their own with plain fields (32 and 40 bytes, no arrays).
 */
abstract class FilterRecord {
  final String id;
  /** Slot for de-duplication in {@link Scratch}. */
  final int slot;
  int refs; // writer only

  private FilterRecord(String id, int slot) {
    this.id = id;
    this.slot = slot;
  }

  /** A record for a filter whose normal form is the OR of {@code conjunctions} (one at least). */
  static FilterRecord of(String id, Conjunction[] conjunctions, int slot) {
    switch (conjunctions.length) {
      case 1:
        return new One(id, slot, conjunctions[0]);
      case 2:
        return new Two(id, slot, conjunctions[0], conjunctions[1]);
      default:
        return new Many(id, slot, conjunctions);
    }
  }

  abstract int conjunctionCount();

  abstract Conjunction conjunction(int i);

  /** The position of this filter's entry in the filters of {@code conjunction(i)}; writer only. */
  abstract int position(int i);

  abstract void setPosition(int i, int position);

  /** Whether the filter is a single conjunction. */
  final boolean isSingleConjunction() {
    return this instanceof One;
  }

  /** Follows this filter's entry in {@code posting} from {@code from} to {@code to} (a compaction). */
  final void moved(FilterPosting posting, int from, int to) {
    for (int i = 0, n = conjunctionCount(); i < n; i++) {
      if (conjunction(i) == posting && position(i) == from) {
        setPosition(i, to);
        return;
      }
    }
    throw new IllegalStateException("filter " + id + " has no entry at " + from + " in " + posting);
  }

  @Override
  public String toString() {
    return id;
  }

  private static final class One extends FilterRecord {
    private final Conjunction conjunction;
    private int position;

    One(String id, int slot, Conjunction conjunction) {
      super(id, slot);
      this.conjunction = conjunction;
    }

    @Override
    int conjunctionCount() {
      return 1;
    }

    @Override
    Conjunction conjunction(int i) {
      return conjunction;
    }

    @Override
    int position(int i) {
      return position;
    }

    @Override
    void setPosition(int i, int p) {
      position = p;
    }
  }

  private static final class Two extends FilterRecord {
    private final Conjunction first;
    private final Conjunction second;
    private int firstPosition;
    private int secondPosition;

    Two(String id, int slot, Conjunction first, Conjunction second) {
      super(id, slot);
      this.first = first;
      this.second = second;
    }

    @Override
    int conjunctionCount() {
      return 2;
    }

    @Override
    Conjunction conjunction(int i) {
      return i == 0 ? first : second;
    }

    @Override
    int position(int i) {
      return i == 0 ? firstPosition : secondPosition;
    }

    @Override
    void setPosition(int i, int p) {
      if (i == 0) {
        firstPosition = p;
      } else {
        secondPosition = p;
      }
    }
  }

  private static final class Many extends FilterRecord {
    private final Conjunction[] conjunctions;
    private final int[] positions;

    Many(String id, int slot, Conjunction[] conjunctions) {
      super(id, slot);
      this.conjunctions = conjunctions;
      this.positions = new int[conjunctions.length];
    }

    @Override
    int conjunctionCount() {
      return conjunctions.length;
    }

    @Override
    Conjunction conjunction(int i) {
      return conjunctions[i];
    }

    @Override
    int position(int i) {
      return positions[i];
    }

    @Override
    void setPosition(int i, int p) {
      positions[i] = p;
    }
  }
}
