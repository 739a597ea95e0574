package dev.herald.internal.match;

import java.util.Arrays;

/**
 * The filters holding a conjunction, laid out for the hit that emits them. With one filter,
 * {@link #filters} is its {@link FilterRecord}; with more, {@link Entries}: each filter's id and slot
 * in two parallel arrays, which is all an emission needs. A conjunction verified for a document thus
 * reads its filters from contiguous memory instead of dereferencing one record per filter, records
 * that lie scattered over the heap (at a million filters, a cache and TLB miss each).
 *
 * <p>Writer (the partition's lock): appends fill spare capacity in place (readers stop at the first
 * null id); a removal replaces the filter's id with {@link #GONE}, at the position its record keeps
 * ({@link FilterRecord#position}), so it costs O(1) however many filters share the conjunction; once
 * half the entries are gone the arrays are compacted into new ones and the records of the entries
 * that moved are told ({@link FilterRecord#moved}), amortized O(1) per removal. Records are found by
 * id in the partition's map, so the entries hold no reference to them.
 *
 * <p>Readers take no lock and load {@link #filters} once: the arrays of one {@link Entries} always
 * have the same length, so no read is out of bounds. An entry read while a writer changes it may be
 * stale or half-written (an id without its slot); such a match overlapped the write and is discarded
 * (see {@link Partition}).
 */
abstract class FilterPosting extends Member {
  /** The id of a removed entry: a private object, never a filter's id. */
  static final String GONE = new String("<gone>");

  /** One snapshot of the entries of two or more filters. */
  static final class Entries {
    final String[] ids;
    final int[] slots;

    private Entries(String[] ids, int[] slots) {
      this.ids = ids;
      this.slots = slots;
    }

    Entries(int capacity) {
      this(new String[capacity], new int[capacity]);
    }
  }

  /** Null, the only filter's {@link FilterRecord}, or {@link Entries}; read by readers. */
  volatile Object filters;
  private int size; // entries used, gone ones included; writer only
  private int garbage; // gone entries; writer only

  /**
   * Adds a filter of which this is the conjunction at {@code index} (of the record's conjunctions),
   * and records the entry's position there. {@code records} finds the filters already held by id
   * (for a compaction); the caller holds the partition's write lock.
   */
  final void addFilter(FilterRecord rec, int index, OpenMap<String, FilterRecord> records) {
    Object f = filters;
    if (f == null) {
      rec.setPosition(index, 0);
      filters = rec;
      return;
    }
    if (f instanceof FilterRecord) {
      FilterRecord only = (FilterRecord) f; // its position here is 0 already
      Entries e = new Entries(2);
      e.slots[0] = only.slot;
      e.ids[0] = only.id;
      e.slots[1] = rec.slot;
      e.ids[1] = rec.id;
      rec.setPosition(index, 1);
      size = 2;
      garbage = 0;
      filters = e;
      return;
    }
    Entries e = (Entries) f;
    if (size == e.ids.length) {
      int capacity = Math.max(2, (size - garbage) * 2);
      e = garbage == 0
          ? new Entries(Arrays.copyOf(e.ids, capacity), Arrays.copyOf(e.slots, capacity))
          : compact(e, capacity, records);
      filters = e;
    }
    int position = size++;
    rec.setPosition(index, position);
    e.slots[position] = rec.slot; // the slot before the id: a reader stops at a null id
    e.ids[position] = rec.id;
  }

  /** Removes a filter of which this is the conjunction at {@code index}; the caller holds the lock. */
  final void removeFilter(FilterRecord rec, int index, OpenMap<String, FilterRecord> records) {
    Object f = filters;
    if (f == rec) {
      filters = null;
      return;
    }
    Entries e = (Entries) f;
    int position = rec.position(index);
    if (position >= size || e.ids[position] != rec.id) {
      throw new IllegalStateException("filter " + rec.id + " is not at " + position + " in " + this);
    }
    if (position == size - 1) {
      e.ids[position] = null; // the last entry: shrink instead of leaving garbage
      size--;
    } else {
      e.ids[position] = GONE;
      garbage++;
    }
    if (size == garbage) {
      filters = null;
      size = 0;
      garbage = 0;
    } else if (garbage > 4 && garbage * 2 > size) {
      filters = compact(e, Math.max(2, (size - garbage) * 2), records);
    }
  }

  /** The filters held; writer only. */
  final int filterCount() {
    Object f = filters;
    return f == null ? 0 : f instanceof FilterRecord ? 1 : size - garbage;
  }

  /** The only filter held, or null when there are none or several; writer only. */
  final FilterRecord soleFilter(OpenMap<String, FilterRecord> records) {
    Object f = filters;
    if (f instanceof FilterRecord) {
      return (FilterRecord) f;
    }
    if (f == null || size - garbage != 1) {
      return null;
    }
    String[] ids = ((Entries) f).ids;
    for (int i = 0; i < size; i++) {
      if (ids[i] != GONE) {
        return records.get(ids[i]);
      }
    }
    return null;
  }

  /** New entries without the gone ones; the records of the entries that moved follow them. */
  private Entries compact(Entries from, int capacity, OpenMap<String, FilterRecord> records) {
    Entries to = new Entries(capacity);
    int n = 0;
    for (int i = 0; i < size; i++) {
      String id = from.ids[i];
      if (id == GONE) {
        continue;
      }
      if (n != i) {
        FilterRecord rec = records.get(id);
        if (rec == null) {
          throw new IllegalStateException("filter " + id + " is held by " + this + " but not registered");
        }
        rec.moved(this, i, n);
      }
      to.slots[n] = from.slots[i];
      to.ids[n] = id;
      n++;
    }
    size = n;
    garbage = 0;
    return to;
  }
}
