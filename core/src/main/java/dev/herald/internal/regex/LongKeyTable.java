package dev.herald.internal.regex;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An open-addressing hash table from primitive {@code long} keys to values, for one writer and any
 * number of lock-free readers. No boxing: a probe is a multiply, a shift and array reads.
 *
 * <p>Publication: the writer stores a slot's key (plain write) and then its value with release
 * semantics; a reader loads the value with acquire semantics and, seeing it non-null, reads the key,
 * which is therefore the one stored with it. A slot's key never changes once set; removing a key
 * leaves its slot occupied by the {@code vacant} value until the next rebuild, which builds new
 * arrays and publishes them through a volatile field. Readers holding the old arrays keep a
 * consistent, slightly stale view. Values must be immutable (or safely published) objects.
 *
 * <p>Writers (one at a time, serialized by the caller): {@link #put}, {@link #remove}. Readers:
 * {@link #get}, {@link #forEach}, {@link #size}.
 */
final class LongKeyTable<V> {
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final int MIN_CAPACITY = 8;

  private static final class Slots {
    final long[] keys;
    final Object[] values;
    final int mask;
    final int shift;

    Slots(int capacity) {
      keys = new long[capacity];
      values = new Object[capacity];
      mask = capacity - 1;
      shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    int home(long key) {
      return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }
  }

  private final Object vacant;
  private volatile Slots slots = new Slots(MIN_CAPACITY);
  /** Keys holding a value other than {@code vacant}. */
  private volatile int size;
  // Writer-only: occupied slots, vacant ones included.
  private int occupied;

  /** @param vacant the value marking a removed key, never returned by {@link #get} */
  LongKeyTable(Object vacant) {
    this.vacant = vacant;
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, or null. Never blocks. */
  @SuppressWarnings("unchecked")
  V get(long key) {
    Slots s = slots;
    for (int i = s.home(key); ; i = (i + 1) & s.mask) {
      Object v = SLOT.getAcquire(s.values, i);
      if (v == null) {
        return null;
      }
      if (s.keys[i] == key) {
        return v == vacant ? null : (V) v;
      }
    }
  }

  interface SlotVisitor<V> {
    void visit(long key, V value);
  }

  /** Calls {@code visitor} for each key and its value, in no particular order. */
  @SuppressWarnings("unchecked")
  void forEach(SlotVisitor<? super V> visitor) {
    Slots s = slots;
    for (int i = 0; i < s.values.length; i++) {
      Object v = SLOT.getAcquire(s.values, i);
      if (v != null && v != vacant) {
        visitor.visit(s.keys[i], (V) v);
      }
    }
  }

  /** Writer only: maps {@code key} to {@code value} (not null, not the vacant marker). */
  void put(long key, V value) {
    Slots s = slots;
    int i = find(s, key);
    Object old = s.values[i];
    if (old != null) {
      SLOT.setRelease(s.values, i, value);
      if (old == vacant) {
        size = size + 1;
      }
      return;
    }
    if ((occupied + 1) * 2 > s.values.length) {
      s = rebuild(size + 1);
      i = find(s, key);
    }
    s.keys[i] = key;
    SLOT.setRelease(s.values, i, value);
    occupied++;
    size = size + 1;
  }

  /** Writer only: forgets {@code key}. */
  void remove(long key) {
    Slots s = slots;
    int i = find(s, key);
    Object old = s.values[i];
    if (old == null || old == vacant) {
      return;
    }
    SLOT.setRelease(s.values, i, vacant);
    size = size - 1;
    if (occupied > 3 * size && s.values.length > MIN_CAPACITY) {
      rebuild(size);
    }
  }

  /** The slot holding {@code key}, or the empty slot where it would go. Writer only. */
  private static int find(Slots s, long key) {
    for (int i = s.home(key); ; i = (i + 1) & s.mask) {
      if (s.values[i] == null || s.keys[i] == key) {
        return i;
      }
    }
  }

  /** Copies live keys into fresh arrays sized for {@code live} keys and publishes them. */
  private Slots rebuild(int live) {
    int capacity = MIN_CAPACITY;
    while (capacity < live * 4) {
      capacity <<= 1;
    }
    Slots old = slots;
    Slots fresh = new Slots(capacity);
    int count = 0;
    for (int i = 0; i < old.values.length; i++) {
      Object v = old.values[i];
      if (v != null && v != vacant) {
        int j = find(fresh, old.keys[i]);
        fresh.keys[j] = old.keys[i];
        fresh.values[j] = v;
        count++;
      }
    }
    occupied = count;
    slots = fresh; // volatile write publishes the plain writes above
    return fresh;
  }
}
