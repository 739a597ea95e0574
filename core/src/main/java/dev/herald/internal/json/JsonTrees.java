package dev.herald.internal.json;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Turns caller-built Java values into Herald's immutable JSON tree, with canonical numbers. */
public final class JsonTrees {
  private JsonTrees() {}

  /**
   * Copies {@code value} (maps with string keys, lists, collections, arrays, strings, characters,
   * numbers, booleans and nulls) into a {@link JsonMap}/{@link JsonList} tree.
   *
   * @throws JsonException on an unsupported type, a non-string key, or nesting deeper than
   *     {@code maxDepth} (which also stops self-referencing maps)
   */
  public static Object copy(Object value, int maxDepth) {
    return copy(value, 0, maxDepth);
  }

  private static Object copy(Object value, int depth, int maxDepth) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number) {
      return Numbers.canonical((Number) value);
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return value.toString();
    }
    if (depth + 1 > maxDepth) {
      throw new JsonException(JsonException.Reason.TOO_DEEP,
          "nesting is deeper than the limit of " + maxDepth);
    }
    if (value instanceof JsonMap || value instanceof JsonList) {
      // Already immutable and canonical; its depth was checked when it was built.
      return value;
    }
    if (value instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) value;
      String[] keys = new String[m.size()];
      Object[] values = new Object[m.size()];
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new JsonException(JsonException.Reason.UNSUPPORTED_TYPE,
              "object keys must be strings, got " + typeName(e.getKey()));
        }
        if (i == keys.length) {
          // The map grew while being copied.
          throw new JsonException(JsonException.Reason.UNSUPPORTED_TYPE, "map modified while being read");
        }
        keys[i] = (String) e.getKey();
        values[i] = copy(e.getValue(), depth + 1, maxDepth);
        i++;
      }
      return i == 0 ? JsonMap.EMPTY : JsonMap.of(keys, values, i);
    }
    if (value instanceof List || value instanceof Collection) {
      Collection<?> c = (Collection<?>) value;
      Object[] items = new Object[c.size()];
      int i = 0;
      for (Object o : c) {
        if (i == items.length) {
          throw new JsonException(JsonException.Reason.UNSUPPORTED_TYPE, "list modified while being read");
        }
        items[i++] = copy(o, depth + 1, maxDepth);
      }
      return i == 0 ? JsonList.EMPTY : new JsonList(items, i);
    }
    if (value instanceof Object[]) {
      Object[] a = (Object[]) value;
      Object[] items = new Object[a.length];
      for (int i = 0; i < a.length; i++) {
        items[i] = copy(a[i], depth + 1, maxDepth);
      }
      return items.length == 0 ? JsonList.EMPTY : new JsonList(items, items.length);
    }
    throw new JsonException(JsonException.Reason.UNSUPPORTED_TYPE,
        "unsupported value type " + typeName(value) + " (use maps, lists, strings, numbers, booleans or null)");
  }

  static String typeName(Object o) {
    return o == null ? "null" : o.getClass().getName();
  }

  /** JSON type name of a tree value, for error messages. */
  public static String jsonType(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    if (v instanceof Number) {
      return "number";
    }
    if (v instanceof Map) {
      return "object";
    }
    return "array";
  }
}
