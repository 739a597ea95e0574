package dev.herald.internal.match;

import java.util.function.Function;

/**
 * An open-addressing set of values found by a key they carry (a condition by its spec, a
 * conjunction by its literals), without an entry object per value: about 8 bytes per value
 * instead of a {@code HashMap}'s 40. Writer only (the partition's lock); readers never use it.
 */
final class Registry<V> {
  private static final Object DELETED = new Object();

  private final Function<V, Object> keyOf;
  private Object[] table = new Object[16];
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
    int mask = t.length - 1;
    for (int i = spread(key.hashCode()) & mask; ; i = (i + 1) & mask) {
      Object o = t[i];
      if (o == null) {
        return null;
      }
      if (o != DELETED && keyOf.apply((V) o).equals(key)) {
        return (V) o;
      }
    }
  }

  /** Adds a value whose key is not present. */
  void add(V value) {
    if ((used + 1) * 3 > table.length * 2) {
      rehash((size + 1) * 3 > table.length ? table.length * 2 : table.length);
    }
    Object[] t = table;
    int mask = t.length - 1;
    int i = spread(keyOf.apply(value).hashCode()) & mask;
    while (t[i] != null && t[i] != DELETED) {
      i = (i + 1) & mask;
    }
    if (t[i] == null) {
      used++;
    }
    t[i] = value;
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

  @SuppressWarnings("unchecked")
  private void rehash(int capacity) {
    Object[] old = table;
    table = new Object[capacity];
    size = 0;
    used = 0;
    for (Object o : old) {
      if (o != null && o != DELETED) {
        add((V) o);
      }
    }
  }
}
