package dev.herald.internal.match;

import java.util.function.Function;

/**
 * An open-addressing set of values found by a key they carry (a condition by its spec, a
 * conjunction by its literals), without an entry object per value: about 14 bytes per value
 * instead of a {@code HashMap}'s 40. Each slot keeps its value's hash, so probing compares hashes and
 * touches a value (and computes its key) only when they are equal, and growing never hashes a key
 * again. Writer only (the partition's lock); readers never use it.
 */
final class Registry<V> {
  private static final Object DELETED = new Object();

  private final Function<V, Object> keyOf;
  private Object[] table = new Object[16];
  private int[] hashes = new int[16];
  private int size;
  private int used; // live values and deletion markers

  Registry(Function<V, Object> keyOf) {
    this.keyOf = keyOf;
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  @SuppressWarnings("unchecked")
  V get(Object key) {
    Object[] t = table;
    int[] hs = hashes;
    int mask = t.length - 1;
    int h = spread(key.hashCode());
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Object o = t[i];
      if (o == null) {
        return null;
      }
      if (hs[i] == h && o != DELETED && keyOf.apply((V) o).equals(key)) {
        return (V) o;
      }
    }
  }

  /** Adds a value whose key is not present. */
  void add(V value) {
    insert(value, spread(keyOf.apply(value).hashCode()));
  }

  private void insert(Object value, int h) {
    if ((used + 1) * 3 > table.length * 2) {
      rehash((size + 1) * 3 > table.length ? table.length * 2 : table.length);
    }
    Object[] t = table;
    int mask = t.length - 1;
    int i = h & mask;
    while (t[i] != null && t[i] != DELETED) {
      i = (i + 1) & mask;
    }
    if (t[i] == null) {
      used++;
    }
    t[i] = value;
    hashes[i] = h;
    size++;
  }

  /** Removes this very value. */
  void remove(V value) {
    Object[] t = table;
    int mask = t.length - 1;
    for (int i = spread(keyOf.apply(value).hashCode()) & mask; t[i] != null; i = (i + 1) & mask) {
      if (t[i] == value) {
        t[i] = DELETED;
        size--;
        if (size < table.length / 8 && table.length > 16) {
          rehash(table.length / 2);
        }
        return;
      }
    }
  }

  int size() {
    return size;
  }

  private void rehash(int capacity) {
    Object[] old = table;
    int[] oldHashes = hashes;
    table = new Object[capacity];
    hashes = new int[capacity];
    size = 0;
    used = 0;
    for (int i = 0; i < old.length; i++) {
      Object o = old[i];
      if (o != null && o != DELETED) {
        insert(o, oldHashes[i]);
      }
    }
  }
}
