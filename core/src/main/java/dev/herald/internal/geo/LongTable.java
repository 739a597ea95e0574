package dev.herald.internal.geo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A map from non-zero {@code long} keys to values, by open addressing with linear probing, read
 * without locks while a single writer changes it.
 *
 * <p>Thread-safety: {@link #get} may run on any number of threads at any time; {@link #put} and
 * {@link #remove} must be called by one thread at a time. A reader sees, for each key, either the value
 * before or the value after a concurrent change, never a mix. How: a slot's value is written (with
 * release) before its key, and readers read the key and then the value (with acquire); a slot, once
 * given a key, keeps it, and removal only clears the value; growing, and purging removed keys, build a
 * new array pair that is published whole through a volatile field. Cost: {@link #get} is one hash and
 * a short probe, without allocation; writes are amortized constant time.
 */
final class LongTable<V> {
  private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(Object[].class);

  /** The arrays of one generation of the table. */
  private static final class Slots {
    final long[] keys; // 0 is an empty slot
    final Object[] values; // null for a key whose value was removed
    final int mask;

    Slots(int capacity) {
      keys = new long[capacity];
      values = new Object[capacity];
      mask = capacity - 1;
    }
  }

  private volatile Slots slots = new Slots(16);
  /** Slots holding a key (live or removed): what the load factor counts. Writer only. */
  private int used;
  /** Keys with a value. Writer only. */
  private int live;

  static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29)) & mask;
  }

  /** The value of a key, or null; lock-free and allocation-free. */
  @SuppressWarnings("unchecked")
  V get(long key) {
    Slots s = slots;
    for (int i = slot(key, s.mask); ; i = (i + 1) & s.mask) {
      long k = (long) KEYS.getAcquire(s.keys, i);
      if (k == key) {
        return (V) VALUES.getAcquire(s.values, i);
      }
      if (k == 0) {
        return null;
      }
    }
  }

  /** Associates a non-null value with a non-zero key. Single writer. */
  void put(long key, V value) {
    if (key == 0 || value == null) {
      throw new IllegalArgumentException("zero key or null value");
    }
    Slots s = slots;
    int i = find(s, key);
    if (s.keys[i] == key) {
      if (s.values[i] == null) {
        live++;
      }
      VALUES.setRelease(s.values, i, value);
      return;
    }
    if ((used + 1) * 2 <= s.keys.length) {
      VALUES.setRelease(s.values, i, value);
      KEYS.setRelease(s.keys, i, key);
      used++;
      live++;
      return;
    }
    Slots grown = rebuilt(capacityFor(live + 1));
    i = find(grown, key);
    grown.keys[i] = key;
    grown.values[i] = value;
    used++;
    live++;
    slots = grown; // the volatile write publishes the whole generation
  }

  /** A power of two at least four times the entries, so that the table is at most a quarter full. */
  private static int capacityFor(int entries) {
    return Math.max(16, Integer.highestOneBit(Math.max(1, entries) * 4 - 1) << 1);
  }

  /** Removes a key's value, if any. Single writer. */
  void remove(long key) {
    Slots s = slots;
    int i = find(s, key);
    if (s.keys[i] == key && s.values[i] != null) {
      VALUES.setRelease(s.values, i, null);
      live--;
      if (live * 8 < used && s.keys.length > 16) {
        slots = rebuilt(capacityFor(live));
      }
    }
  }

  int size() {
    return live;
  }

  /** The slot holding the key, or the empty slot where it would go. Writer only. */
  private static int find(Slots s, long key) {
    int i = slot(key, s.mask);
    while (s.keys[i] != key && s.keys[i] != 0) {
      i = (i + 1) & s.mask;
    }
    return i;
  }

  /** A new generation with the live entries only; not yet published. */
  private Slots rebuilt(int capacity) {
    Slots old = slots;
    Slots s = new Slots(capacity);
    int count = 0;
    for (int i = 0; i < old.keys.length; i++) {
      Object v = old.values[i];
      if (old.keys[i] != 0 && v != null) {
        int j = find(s, old.keys[i]);
        s.keys[j] = old.keys[i];
        s.values[j] = v;
        count++;
      }
    }
    used = count;
    live = count;
    return s;
  }

  @Override
  public String toString() {
    return "LongTable[live=" + live + ", used=" + used + ", capacity=" + slots.keys.length + "]";
  }

  /** The number of slots of the current generation. */
  int capacity() {
    return slots.keys.length;
  }
}
