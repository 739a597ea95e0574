package dev.herald.internal.filter;

import java.util.List;
import java.util.Map;

/**
 * The value at the path contains a template (the {@code match} keyword on an object or array):
 * objects match when every template key is present with a matching value (extra keys are fine),
 * arrays when each template element can take a distinct document element, greedily in order,
 * scalars by strict equality. Keys inside the template are literal keys of nested objects.
 */
public final class MatchSpec extends ConditionSpec {
  private final Object template; // a Map or a List of the JSON tree
  private final String templateText;

  public MatchSpec(String path, Object template) {
    super(path);
    this.template = template;
    this.templateText = Canonical.value(template);
  }

  public Object template() {
    return template;
  }

  @Override
  public Kind kind() {
    return Kind.MATCH;
  }

  @Override
  public boolean test(Object value) {
    return matches(template, value);
  }

  static boolean matches(Object template, Object value) {
    if (template instanceof Map) {
      if (!(value instanceof Map)) {
        return false;
      }
      Map<?, ?> t = (Map<?, ?>) template;
      Map<?, ?> v = (Map<?, ?>) value;
      for (Map.Entry<?, ?> e : t.entrySet()) {
        Object key = e.getKey();
        if (!v.containsKey(key) || !matches(e.getValue(), v.get(key))) {
          return false;
        }
      }
      return true;
    }
    List<Object> tl = Values.asList(template);
    if (tl != null) {
      List<Object> vl = Values.asList(value);
      if (vl == null) {
        return false;
      }
      boolean[] used = new boolean[vl.size()];
      for (Object te : tl) {
        boolean found = false;
        for (int i = 0; i < used.length; i++) {
          if (!used[i] && matches(te, vl.get(i))) {
            used[i] = true;
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      }
      return true;
    }
    return (Values.type(value) & Values.SCALARS) != 0 && Values.sameScalar(template, value);
  }

  @Override
  public int acceptedTypes() {
    return template instanceof Map ? Values.OBJECT : Values.ARRAY;
  }

  @Override
  protected void writeCanonical(StringBuilder out) {
    out.append("[\"match\",");
    Canonical.string(out, path);
    out.append(',').append(templateText).append(']');
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MatchSpec && ((MatchSpec) o).path.equals(path)
        && ((MatchSpec) o).templateText.equals(templateText);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + templateText.hashCode();
  }
}
