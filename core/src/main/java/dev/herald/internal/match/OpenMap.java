package dev.herald.internal.match;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * A hash map for one writer at a time and any number of lock-free readers, with no entry objects:
 * keys, values and hashes live in three parallel arrays (open addressing, linear probing), about
 * 18 bytes a mapping instead of a {@code ConcurrentHashMap}'s 40; lookups probe the hash array and
 * touch a key object only when its hash is equal. It holds the children of path nodes and the
 * value keys of the equality indexes, where millions of mappings are common.
 *
 * <p>Publication: a writer stores the value, then the key with release semantics; a reader loads
 * the key with acquire semantics, so a key it sees comes with its value. Removal leaves a tombstone
 * key, and a slot is never given to another key within one table; growth and clean-up build new
 * arrays, published through one volatile write. A reader always
 * sees a consistent table, and a concurrent write either entirely or not at all. {@link #get} never
 * allocates. Keys must not be null.
 */
final class OpenMap<K, V> {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final Object TOMBSTONE = new Object();

  private static final class Table {
    final Object[] keys;
    final Object[] values;
    /** Each key's spread hash: probing compares these first, touching no key it does not need. */
    final int[] hashes;

    Table(int capacity) {
      keys = new Object[capacity];
      values = new Object[capacity];
      hashes = new int[capacity];
    }
  }

  private volatile Table table = new Table(4);
  private int size; // writer only
  private int used; // live keys and tombstones; writer only

  /** The spread hash of a key, never 0: a slot whose hash is 0 is empty. */
  private static int hash(Object key) {
    int h = key.hashCode() * 0x9E3779B9;
    h ^= h >>> 16;
    return h == 0 ? 1 : h;
  }

  /** The value for {@code key}, or null. Lock-free, allocation-free. */
  @SuppressWarnings("unchecked")
  V get(Object key) {
    Table t = table;
    int[] hashes = t.hashes;
    int mask = hashes.length - 1;
    int h = hash(key);
    // Probing reads the dense hash array alone; a key object is touched only when its hash is
    // equal. A slot whose hash is not visible yet holds a mapping being added: absent, for now.
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int slotHash = hashes[i];
      if (slotHash == 0) {
        return null;
      }
      if (slotHash == h) {
        Object k = SLOTS.getAcquire(t.keys, i);
        if (k == key || (k != null && k != TOMBSTONE && k.equals(key))) {
          return (V) t.values[i];
        }
      }
    }
  }

  /** Maps {@code key} to {@code value}, replacing any previous value. Writer only. */
  void put(K key, V value) {
    Table t = table;
    int mask = t.keys.length - 1;
    int h = hash(key);
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Object k = t.keys[i];
      if (k == null) {
        break;
      }
      if (k != TOMBSTONE && t.hashes[i] == h && k.equals(key)) {
        SLOTS.setRelease(t.values, i, value);
        return;
      }
    }
    // At most two thirds full (tombstones count): short probe runs, little slack.
    if ((used + 1) * 3 > t.keys.length * 2) {
      t = rebuild((size + 1) * 3 > t.keys.length ? t.keys.length * 2 : t.keys.length);
      mask = t.keys.length - 1;
    }
    // Never reuse a tombstone in place: a reader that loaded the old key must not then read the
    // value of another one. Tombstones go away when the table is rebuilt.
    int i = h & mask;
    while (t.keys[i] != null) {
      i = (i + 1) & mask;
    }
    used++;
    t.values[i] = value;
    t.hashes[i] = h;
    SLOTS.setRelease(t.keys, i, key);
    size++;
  }

  /** Removes the mapping of {@code key} if its value is {@code value}. Writer only. */
  void remove(Object key, Object value) {
    Table t = table;
    int mask = t.keys.length - 1;
    int h = hash(key);
    for (int i = h & mask; t.keys[i] != null; i = (i + 1) & mask) {
      Object k = t.keys[i];
      if (k != TOMBSTONE && t.hashes[i] == h && k.equals(key)) {
        if (t.values[i] == value) {
          SLOTS.setRelease(t.keys, i, TOMBSTONE);
          size--;
          if (size < t.keys.length / 8 && t.keys.length > 4) {
            rebuild(t.keys.length / 2);
          }
        }
        return;
      }
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The keys, for the writer (a copy). */
  @SuppressWarnings("unchecked")
  List<K> keys() {
    List<K> out = new ArrayList<>(size);
    for (Object k : table.keys) {
      if (k != null && k != TOMBSTONE) {
        out.add((K) k);
      }
    }
    return out;
  }

  private Table rebuild(int capacity) {
    Table old = table;
    Table t = new Table(capacity);
    int mask = capacity - 1;
    int n = 0;
    for (int j = 0; j < old.keys.length; j++) {
      Object k = old.keys[j];
      if (k != null && k != TOMBSTONE) {
        int h = old.hashes[j];
        int i = h & mask;
        while (t.keys[i] != null) {
          i = (i + 1) & mask;
        }
        t.keys[i] = k;
        t.values[i] = old.values[j];
        t.hashes[i] = h;
        n++;
      }
    }
    size = n;
    used = n;
    table = t; // one volatile write publishes the whole new table
    return t;
  }
}
