package dev.herald.internal.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable JSON object in document order, backed by two arrays. It is a {@link Map} for everyone,
 * and the matcher walks it by index ({@link #keyAt}, {@link #valueAt}) without allocating.
 * Lookups by key are linear below 9 entries and hashed above.
 */
public final class JsonMap extends AbstractMap<String, Object> {
  public static final JsonMap EMPTY = new JsonMap(new String[0], new Object[0], 0);

  private final String[] keys;
  private final Object[] values;
  private final int size;
  /** Objects of at most this many entries are scanned by {@link #get}; larger ones hashed. */
  public static final int SCANNED_SIZE = 8;

  /** Built by the first lookup in a larger object; volatile, as documents are shared across threads. */
  private volatile Map<String, Integer> positions;

  JsonMap(String[] keys, Object[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
  }

  /** Builds a map from parallel arrays that the caller gives up; a repeated key keeps its last value. */
  public static JsonMap of(String[] keys, Object[] values, int size) {
    return new JsonMap(keys, values, size);
  }

  @Override
  public int size() {
    return size;
  }

  public String keyAt(int i) {
    return keys[i];
  }

  public Object valueAt(int i) {
    return values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  private int indexOf(Object key) {
    if (size <= SCANNED_SIZE) {
      // Last occurrence wins, as JSON.parse does for repeated keys.
      for (int i = size - 1; i >= 0; i--) {
        if (keys[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }
    Map<String, Integer> p = positions;
    if (p == null) {
      p = new java.util.HashMap<>(size * 2);
      for (int i = 0; i < size; i++) {
        p.put(keys[i], i); // a repeated key keeps its last position
      }
      positions = p; // a racing thread may build its own, equal one
    }
    Integer i = p.get(key);
    return i == null ? -1 : i;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
