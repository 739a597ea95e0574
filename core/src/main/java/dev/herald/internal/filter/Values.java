package dev.herald.internal.filter;

import dev.herald.internal.json.JsonList;
import dev.herald.internal.json.JsonMap;
import dev.herald.internal.json.Numbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Comparisons on JSON tree values. Documents given as Java maps may hold any {@link Number} type and
 * any list or map implementation; values are compared by JSON type and value, numbers by value.
 */
public final class Values {
  public static final int NULL = 1;
  public static final int BOOLEAN = 2;
  public static final int NUMBER = 4;
  public static final int STRING = 8;
  public static final int OBJECT = 16;
  public static final int ARRAY = 32;
  public static final int SCALARS = NULL | BOOLEAN | NUMBER | STRING;
  public static final int ANY = SCALARS | OBJECT | ARRAY;

  private Values() {}

  // Class tests come before interface tests throughout (parsed documents' JsonMap and JsonList,
  // caller-built documents' HashMap and ArrayList): on JDK 17 a failed test against an interface
  // (Map, List, CharSequence) scans the object's interfaces every time.

  /** The JSON type bit of a value. */
  public static int type(Object v) {
    if (v == null) {
      return NULL;
    }
    if (v instanceof String) {
      return STRING;
    }
    if (v instanceof Number) {
      return NUMBER;
    }
    if (v instanceof Boolean) {
      return BOOLEAN;
    }
    if (v instanceof JsonMap) {
      return OBJECT;
    }
    if (v instanceof JsonList || v instanceof ArrayList) {
      return ARRAY;
    }
    if (v instanceof HashMap || v instanceof Map) {
      return OBJECT;
    }
    if (v instanceof List || v instanceof Object[]) {
      return ARRAY;
    }
    // Other CharSequences in caller-built maps read as strings.
    return v instanceof CharSequence || v instanceof Character ? STRING : 0;
  }

  public static boolean isScalar(Object v) {
    return (type(v) & SCALARS) != 0;
  }

  /**
   * The canonical form of a scalar for hashing and equality: numbers canonical, other character
   * sequences as strings; containers are returned as they are.
   */
  public static Object canonicalScalar(Object v) {
    if (v == null || v instanceof String || v instanceof Long || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Number) {
      return Numbers.canonical((Number) v);
    }
    if ((v instanceof CharSequence && !(v instanceof String)) || v instanceof Character) {
      return v.toString();
    }
    return v;
  }

  /** Strict equality of two scalars: same JSON type and value; 1 equals 1.0; "1" never equals 1. */
  public static boolean sameScalar(Object a, Object b) {
    Object x = canonicalScalar(a);
    Object y = canonicalScalar(b);
    return x == null ? y == null : x.equals(y);
  }

  /** The elements of an array value (a {@link List} or an {@code Object[]}); null otherwise. */
  @SuppressWarnings("unchecked")
  public static List<Object> asList(Object v) {
    if (v instanceof JsonList) {
      return (JsonList) v;
    }
    if (v instanceof ArrayList) {
      return (ArrayList<Object>) v;
    }
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof JsonMap
        || v instanceof HashMap) {
      return null;
    }
    if (v instanceof List) {
      return (List<Object>) v;
    }
    if (v instanceof Object[]) {
      return java.util.Arrays.asList((Object[]) v);
    }
    return null;
  }
}
