package dev.herald.internal.json;

import java.util.AbstractList;
import java.util.RandomAccess;

/** An immutable JSON array backed by an array. */
public final class JsonList extends AbstractList<Object> implements RandomAccess {
  public static final JsonList EMPTY = new JsonList(new Object[0], 0);

  private final Object[] items;
  private final int size;

  JsonList(Object[] items, int size) {
    this.items = items;
    this.size = size;
  }

  public static JsonList of(Object... items) {
    return new JsonList(items.clone(), items.length);
  }

  @Override
  public Object get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return items[index];
  }

  @Override
  public int size() {
    return size;
  }
}
