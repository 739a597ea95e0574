package dev.herald.internal.filter;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Writes JSON tree values as canonical JSON text: object keys sorted, numbers in canonical form. */
public final class Canonical {
  private Canonical() {}

  public static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  public static void value(StringBuilder out, Object v) {
    v = Values.canonicalScalar(v);
    if (v == null) {
      out.append("null");
    } else if (v instanceof String) {
      string(out, (String) v);
    } else if (v instanceof Number || v instanceof Boolean) {
      out.append(v);
    } else if (v instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) v;
      String[] keys = new String[m.size()];
      int n = 0;
      for (Object k : m.keySet()) {
        keys[n++] = (String) k;
      }
      Arrays.sort(keys, 0, n);
      out.append('{');
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          out.append(',');
        }
        string(out, keys[i]);
        out.append(':');
        value(out, m.get(keys[i]));
      }
      out.append('}');
    } else {
      List<Object> l = Values.asList(v);
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        value(out, l.get(i));
      }
      out.append(']');
    }
  }

  public static String value(Object v) {
    StringBuilder sb = new StringBuilder();
    value(sb, v);
    return sb.toString();
  }
}
