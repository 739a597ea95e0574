package dev.herald.internal.match;

/** A registered filter: its id, its conjunctions and how many registrations hold it. */
final class FilterRecord extends Member {
  private static final Conjunction[] NONE = new Conjunction[0];

  final String id;
  /** A {@link Conjunction} when there is one (most filters), else a {@code Conjunction[]}. */
  private final Object conjunctions;
  /** Slot for de-duplication in {@link Scratch}. */
  final int slot;
  int refs; // writer only

  FilterRecord(String id, Conjunction[] conjunctions, int slot) {
    this.id = id;
    this.conjunctions = conjunctions.length == 1 ? conjunctions[0] : conjunctions;
    this.slot = slot;
  }

  /** Whether the filter is a single conjunction. */
  boolean isSingleConjunction() {
    return conjunctions instanceof Conjunction;
  }

  Conjunction[] conjunctions() {
    Object c = conjunctions;
    if (c instanceof Conjunction) {
      return new Conjunction[] {(Conjunction) c};
    }
    return c == null ? NONE : (Conjunction[]) c;
  }

  @Override
  public String toString() {
    return id;
  }
}
