package dev.herald.internal.filter;

import dev.herald.filter.FilterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the disjunctive normal form of a {@link Node} tree directly: negations are pushed to the
 * leaves (De Morgan), ANDs distribute over ORs, and every conjunction is simplified as it is made.
 * There is no truth table: the work is bounded by the number of conjunctions, which is capped
 * ({@code maxConjunctions}, a typed error beyond it), so registration costs a polynomial in the size
 * of the filter.
 *
 * <p>Simplification never drops a conjunction some document satisfies. It drops those that no
 * document can satisfy: a literal and its negation; two value sets on one path with no common value;
 * conditions on one path that no single JSON type satisfies (a range and a regexp); a positive
 * condition next to {@code not exists} on its path; an empty range. When a path's value is pinned to
 * a set of scalars, every other literal on that path is decided on those scalars. Then conjunctions
 * that contain another are absorbed, and conjunctions differing only in the value set of one path
 * are merged, so an OR of equals and an {@code in} normalize alike.
 */
public final class Normalizer {
  private final int maxConjunctions;

  public Normalizer(int maxConjunctions) {
    this.maxConjunctions = maxConjunctions;
  }

  /** The normal form of {@code node}; {@code conditions} is recorded for reporting only. */
  public NormalizedFilter normalize(Node node, int conditions) {
    List<List<Literal>> dnf = dnf(node, false);
    dnf = absorb(dnf);
    dnf = mergeValueSets(dnf);
    checkSize(dnf.size());
    for (List<Literal> c : dnf) {
      if (c.isEmpty()) {
        // One conjunction is always true: the whole filter is.
        return new NormalizedFilter(new Literal[][] {new Literal[0]}, conditions);
      }
    }
    Literal[][] out = new Literal[dnf.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = dnf.get(i).toArray(new Literal[0]);
    }
    Arrays.sort(out, (a, b) -> text(a).compareTo(text(b)));
    return new NormalizedFilter(out, conditions);
  }

  private List<List<Literal>> dnf(Node node, boolean negated) {
    if (node instanceof Node.Leaf) {
      List<List<Literal>> r = new ArrayList<>(1);
      r.add(List.of(new Literal(((Node.Leaf) node).spec(), !negated)));
      return r;
    }
    if (node instanceof Node.Const) {
      boolean value = ((Node.Const) node).value() != negated;
      List<List<Literal>> r = new ArrayList<>(1);
      if (value) {
        r.add(List.of());
      }
      return r;
    }
    if (node instanceof Node.Not) {
      return dnf(((Node.Not) node).item(), !negated);
    }
    boolean conjunctive = node instanceof Node.And != negated;
    List<Node> items = node instanceof Node.And ? ((Node.And) node).items() : ((Node.Or) node).items();
    if (conjunctive) {
      List<List<Literal>> acc = null;
      for (Node item : items) {
        List<List<Literal>> next = dnf(item, negated);
        acc = acc == null ? next : product(acc, next);
        if (acc.isEmpty()) {
          return acc; // a contradiction: the AND is false whatever follows
        }
      }
      return acc;
    }
    List<List<Literal>> acc = new ArrayList<>();
    Set<List<Literal>> seen = new HashSet<>();
    for (Node item : items) {
      for (List<Literal> c : dnf(item, negated)) {
        if (seen.add(c)) {
          acc.add(c);
        }
      }
      checkSize(acc.size());
    }
    return acc;
  }

  private List<List<Literal>> product(List<List<Literal>> a, List<List<Literal>> b) {
    List<List<Literal>> out = new ArrayList<>();
    Set<List<Literal>> seen = new HashSet<>();
    for (List<Literal> x : a) {
      for (List<Literal> y : b) {
        List<Literal> merged = new ArrayList<>(x.size() + y.size());
        merged.addAll(x);
        merged.addAll(y);
        List<Literal> c = simplify(merged);
        if (c != null && seen.add(c)) {
          out.add(c);
          if (out.size() > maxConjunctions) {
            // Absorption may still shrink it: try once before giving up.
            out = absorb(out);
            seen = new HashSet<>(out);
            checkSize(out.size());
          }
        }
      }
    }
    return out.size() > 1 ? absorb(out) : out;
  }

  private void checkSize(int conjunctions) {
    if (conjunctions > maxConjunctions) {
      throw new FilterException(FilterException.Reason.TOO_MANY_CONJUNCTIONS, "",
          "Filter too complex: its normal form exceeds the configured maximum number of conjunctions"
              + " (more than " + maxConjunctions + ")");
    }
  }

  /**
   * Simplifies one conjunction, or returns null when no document satisfies it. The result is
   * sorted and free of duplicates.
   */
  static List<Literal> simplify(List<Literal> literals) {
    Map<String, List<Literal>> byPath = new LinkedHashMap<>();
    for (Literal l : literals) {
      byPath.computeIfAbsent(l.spec().path(), k -> new ArrayList<>(2)).add(l);
    }
    TreeSet<Literal> out = new TreeSet<>();
    for (List<Literal> group : byPath.values()) {
      if (!simplifyPath(group, out)) {
        return null;
      }
    }
    return List.copyOf(out);
  }

  private static boolean simplifyPath(List<Literal> group, Set<Literal> out) {
    Set<ConditionSpec> positives = new HashSet<>();
    Set<ConditionSpec> negatives = new HashSet<>();
    for (Literal l : group) {
      (l.positive() ? positives : negatives).add(l.spec());
    }
    for (ConditionSpec s : positives) {
      if (negatives.contains(s)) {
        return false; // x and not x
      }
    }
    EqualsSpec pinned = null;
    EqualsSpec excluded = null;
    for (Literal l : group) {
      if (l.spec() instanceof EqualsSpec) {
        EqualsSpec e = (EqualsSpec) l.spec();
        if (l.positive()) {
          pinned = pinned == null ? e : intersect(pinned, e);
          if (pinned == null) {
            return false;
          }
        } else {
          excluded = excluded == null ? e : excluded.union(e);
        }
      }
    }
    if (pinned != null) {
      // The value is one of a few scalars: decide every other literal on them.
      List<Object> kept = new ArrayList<>();
      for (Object v : pinned.values()) {
        boolean ok = excluded == null || !excluded.contains(v);
        for (int i = 0; ok && i < group.size(); i++) {
          Literal l = group.get(i);
          if (!(l.spec() instanceof EqualsSpec)) {
            ok = l.holds(true, v);
          }
        }
        if (ok) {
          kept.add(v);
        }
      }
      if (kept.isEmpty()) {
        return false;
      }
      out.add(new Literal(kept.size() == pinned.size() ? pinned : pinned.withValues(kept), true));
      return true;
    }

    int accepted = Values.ANY;
    boolean anyPositive = false;
    boolean positiveBeyondExists = false;
    RangeSpec range = null;
    for (Literal l : group) {
      if (l.positive()) {
        anyPositive = true;
        accepted &= l.spec().acceptedTypes();
        if (!(l.spec() instanceof ExistsSpec)) {
          positiveBeyondExists = true;
        }
        if (l.spec() instanceof RangeSpec) {
          range = range == null ? (RangeSpec) l.spec() : range.intersect((RangeSpec) l.spec());
          if (range.isEmpty()) {
            return false;
          }
        }
      }
    }
    if (accepted == 0) {
      return false; // no JSON type satisfies every positive condition
    }
    boolean absent = negatives.stream().anyMatch(s -> s instanceof ExistsSpec);
    if (absent) {
      if (anyPositive) {
        return false;
      }
      // "Not present" implies every other negation on the path.
      out.add(new Literal(new ExistsSpec(group.get(0).spec().path()), false));
      return true;
    }
    for (Literal l : group) {
      ConditionSpec s = l.spec();
      if (l.positive()) {
        if (s instanceof RangeSpec || (s instanceof ExistsSpec && positiveBeyondExists)) {
          continue; // the merged range is added below; exists is implied by any other condition
        }
        out.add(l);
      } else if (s instanceof EqualsSpec) {
        continue; // merged into `excluded`
      } else if (!anyPositive || (s.acceptedTypes() & accepted) != 0) {
        out.add(l); // else: never true on a value of the accepted types, so its negation always is
      }
    }
    if (range != null) {
      out.add(new Literal(range, true));
    }
    if (excluded != null && (!anyPositive || (excluded.acceptedTypes() & accepted) != 0)) {
      out.add(new Literal(excluded, false));
    }
    return true;
  }

  private static EqualsSpec intersect(EqualsSpec a, EqualsSpec b) {
    List<Object> common = new ArrayList<>();
    for (Object v : a.values()) {
      if (b.contains(v)) {
        common.add(v);
      }
    }
    return common.isEmpty() ? null : a.withValues(common);
  }

  /** Drops every conjunction that holds all the literals of another one (A or (A and B) is A). */
  private static List<List<Literal>> absorb(List<List<Literal>> dnf) {
    if (dnf.size() < 2) {
      return dnf;
    }
    List<List<Literal>> sorted = new ArrayList<>(dnf);
    sorted.sort((x, y) -> Integer.compare(x.size(), y.size()));
    List<List<Literal>> kept = new ArrayList<>(sorted.size());
    List<Set<Literal>> keptSets = new ArrayList<>(sorted.size());
    for (List<Literal> c : sorted) {
      Set<Literal> set = new HashSet<>(c);
      boolean absorbed = false;
      for (int i = 0; i < kept.size() && !absorbed; i++) {
        absorbed = kept.get(i).size() <= c.size() && set.containsAll(keptSets.get(i));
      }
      if (!absorbed) {
        kept.add(c);
        keptSets.add(set);
      }
    }
    return kept;
  }

  /**
   * Merges conjunctions that differ only by the value set of one path: (a=x and R) or (a=y and R)
   * becomes (a in {x,y} and R). Repeats until nothing merges. Deterministic: conjunctions are
   * visited in canonical order.
   */
  private static List<List<Literal>> mergeValueSets(List<List<Literal>> dnf) {
    List<List<Literal>> current = new ArrayList<>(dnf);
    boolean changed = true;
    while (changed && current.size() > 1) {
      changed = false;
      current.sort((a, b) -> text(a).compareTo(text(b)));
      Map<String, int[]> firstByKey = new HashMap<>();
      outer:
      for (int i = 0; i < current.size(); i++) {
        List<Literal> c = current.get(i);
        for (int k = 0; k < c.size(); k++) {
          Literal l = c.get(k);
          if (!l.positive() || !(l.spec() instanceof EqualsSpec)) {
            continue;
          }
          List<Literal> rest = new ArrayList<>(c);
          rest.remove(k);
          String key = l.spec().path() + '\u0000' + text(rest);
          int[] other = firstByKey.putIfAbsent(key, new int[] {i, k});
          if (other != null && other[0] != i) {
            List<Literal> o = current.get(other[0]);
            EqualsSpec union = ((EqualsSpec) o.get(other[1]).spec()).union((EqualsSpec) l.spec());
            List<Literal> merged = new ArrayList<>(rest);
            merged.add(new Literal(union, true));
            List<Literal> simplified = simplify(merged);
            List<List<Literal>> next = new ArrayList<>(current.size() - 1);
            for (int j = 0; j < current.size(); j++) {
              if (j != i && j != other[0]) {
                next.add(current.get(j));
              }
            }
            next.add(simplified);
            current = absorb(next);
            changed = true;
            break outer;
          }
        }
      }
    }
    return current;
  }

  private static String text(List<Literal> c) {
    return text(c.toArray(new Literal[0]));
  }

  private static String text(Literal[] c) {
    StringBuilder sb = new StringBuilder();
    sb.append('[');
    for (int i = 0; i < c.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      c[i].writeCanonical(sb);
    }
    return sb.append(']').toString();
  }
}
