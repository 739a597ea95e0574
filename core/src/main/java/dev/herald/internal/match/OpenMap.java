package dev.herald.internal.match;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * A hash map for one writer at a time and any number of lock-free readers, with no entry objects:
 * open addressing with linear probing over one array of interleaved keys and values (a key and its
 * value share a cache line) and an array of the keys' hashes, about 18 bytes a mapping instead of a
 * {@code ConcurrentHashMap}'s 40. Lookups probe the hash array and touch a key object only when its
 * hash is equal. It holds the children of path nodes, the value keys of the equality indexes and the
 * filters by id, where millions of mappings are common.
 *
 * <p>Publication: a writer stores the hash and the value, then the key with release semantics; a
 * reader loads the key with acquire semantics, so a key it sees comes with its value. Removal leaves
 * a tombstone key, and a slot is never given to another key within one table; growth and clean-up
 * build new arrays, published through one volatile write. A reader always sees a consistent table,
 * and a concurrent write either entirely or not at all. {@link #get} never allocates. Keys must not
 * be null.
 */
final class OpenMap<K, V> {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final Object TOMBSTONE = new Object();

  private static final class Table {
    /** Key of slot i at 2i, its value at 2i + 1. */
    final Object[] entries;
    /** Each slot's spread hash, 0 when empty: probing reads these alone until one is equal. */
    final int[] hashes;

    Table(int capacity) {
      entries = new Object[2 * capacity];
      hashes = new int[capacity];
    }

    int capacity() {
      return hashes.length;
    }

    Object key(int i) {
      return entries[2 * i];
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
    // A slot whose hash is not visible yet holds a mapping being added: absent, for now.
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int slotHash = hashes[i];
      if (slotHash == 0) {
        return null;
      }
      if (slotHash == h) {
        Object k = SLOTS.getAcquire(t.entries, 2 * i);
        if (k == key || (k != null && k != TOMBSTONE && k.equals(key))) {
          return (V) t.entries[2 * i + 1];
        }
      }
    }
  }

  /** Maps {@code key} to {@code value}, replacing any previous value. Writer only. */
  void put(K key, V value) {
    Table t = table;
    int mask = t.capacity() - 1;
    int h = hash(key);
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Object k = t.key(i);
      if (k == null) {
        break;
      }
      if (k != TOMBSTONE && t.hashes[i] == h && k.equals(key)) {
        SLOTS.setRelease(t.entries, 2 * i + 1, value);
        return;
      }
    }
    // At most two thirds full (tombstones count): short probe runs, little slack.
    if ((used + 1) * 3 > t.capacity() * 2) {
      t = rebuild((size + 1) * 3 > t.capacity() ? t.capacity() * 2 : t.capacity());
      mask = t.capacity() - 1;
    }
    // Never reuse a tombstone in place: a reader that loaded the old key must not then read the
    // value of another one. Tombstones go away when the table is rebuilt.
    int i = h & mask;
    while (t.key(i) != null) {
      i = (i + 1) & mask;
    }
    used++;
    t.entries[2 * i + 1] = value;
    t.hashes[i] = h;
    SLOTS.setRelease(t.entries, 2 * i, key);
    size++;
  }

  /** Removes the mapping of {@code key} if its value is {@code value}. Writer only. */
  void remove(Object key, Object value) {
    Table t = table;
    int mask = t.capacity() - 1;
    int h = hash(key);
    for (int i = h & mask; t.key(i) != null; i = (i + 1) & mask) {
      Object k = t.key(i);
      if (k != TOMBSTONE && t.hashes[i] == h && k.equals(key)) {
        if (t.entries[2 * i + 1] == value) {
          SLOTS.setRelease(t.entries, 2 * i, TOMBSTONE);
          size--;
          if (size < t.capacity() / 8 && t.capacity() > 4) {
            rebuild(t.capacity() / 2);
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
    Table t = table;
    List<K> out = new ArrayList<>(size);
    for (int i = 0; i < t.capacity(); i++) {
      Object k = t.key(i);
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
    for (int j = 0; j < old.capacity(); j++) {
      Object k = old.key(j);
      if (k != null && k != TOMBSTONE) {
        int h = old.hashes[j];
        int i = h & mask;
        while (t.key(i) != null) {
          i = (i + 1) & mask;
        }
        t.entries[2 * i] = k;
        t.entries[2 * i + 1] = old.entries[2 * j + 1];
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
