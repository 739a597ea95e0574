package dev.herald.internal.filter;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A filter in disjunctive normal form: an OR of conjunctions, each an AND of literals, with literals
 * and conjunctions in canonical order. Equivalent filters written differently (reordered operands,
 * {@code in} versus an OR of {@code equals}, {@code missing} versus {@code not exists}, {@code bool},
 * De Morgan) have equal canonical text, hence equal ids. No conjunction is the empty filter
 * {@code {}} (one empty conjunction: everything); none at all matches nothing.
 */
public final class NormalizedFilter {
  private final Literal[][] conjunctions;
  private final String canonical;
  private final String id;
  private final int conditions;

  NormalizedFilter(Literal[][] conjunctions, int conditions) {
    this.conjunctions = conjunctions;
    this.conditions = conditions;
    StringBuilder sb = new StringBuilder(64);
    sb.append('[');
    for (int i = 0; i < conjunctions.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('[');
      for (int j = 0; j < conjunctions[i].length; j++) {
        if (j > 0) {
          sb.append(',');
        }
        conjunctions[i][j].writeCanonical(sb);
      }
      sb.append(']');
    }
    sb.append(']');
    this.canonical = sb.toString();
    this.id = Sha256.hex(canonical);
  }

  /** The conjunctions; do not modify. */
  public Literal[][] conjunctions() {
    return conjunctions;
  }

  public String canonical() {
    return canonical;
  }

  /** Hex SHA-256 of the canonical text: 64 characters, stable across processes and versions of the text. */
  public String id() {
    return id;
  }

  /** Conditions counted against {@code maxConditions} (each value of an {@code in} counts). */
  public int conditions() {
    return conditions;
  }

  /**
   * Evaluates the filter directly on a document (a JSON tree map), without any index: the document is
   * flattened (nested object keys joined with dots, arrays kept whole) and every conjunction tested.
   * Cost: linear in the document and the filter. Used for {@code select} queries on array elements.
   */
  public boolean matches(Map<?, ?> document) {
    Map<String, Object> flat = new HashMap<>();
    flatten("", document, flat);
    return matchesFlat(flat);
  }

  /** {@link #matches} on the document {@code {"value": element}}. */
  public boolean matchesValue(Object element) {
    Map<String, Object> flat = new HashMap<>();
    flat.put("value", element);
    if (element instanceof Map) {
      flatten("value.", (Map<?, ?>) element, flat);
    }
    return matchesFlat(flat);
  }

  private boolean matchesFlat(Map<String, Object> flat) {
    for (Literal[] conjunction : conjunctions) {
      boolean all = true;
      for (Literal l : conjunction) {
        String path = l.spec().path();
        if (!l.holds(flat.containsKey(path), flat.get(path))) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private static void flatten(String prefix, Map<?, ?> object, Map<String, Object> flat) {
    for (Map.Entry<?, ?> e : object.entrySet()) {
      String key = prefix + e.getKey();
      Object v = e.getValue();
      flat.put(key, v);
      if (v instanceof Map) {
        flatten(key + ".", (Map<?, ?>) v, flat);
      }
    }
  }

  @Override
  public String toString() {
    return canonical;
  }

  /** Convenience for tests and diagnostics. */
  public List<List<Literal>> asLists() {
    return java.util.Arrays.stream(conjunctions).map(List::of).toList();
  }
}
