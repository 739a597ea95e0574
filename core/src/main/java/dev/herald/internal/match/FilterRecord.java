package dev.herald.internal.match;

/** A registered filter: its id, its conjunctions and how many registrations hold it. */
final class FilterRecord extends Member {
  final String id;
  final Conjunction[] conjunctions;
  /** Slot for de-duplication in {@link Scratch}. */
  final int slot;
  int refs; // writer only

  FilterRecord(String id, Conjunction[] conjunctions, int slot) {
    this.id = id;
    this.conjunctions = conjunctions;
    this.slot = slot;
  }

  @Override
  public String toString() {
    return id;
  }
}
