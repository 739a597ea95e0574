package dev.herald.internal.match;

import dev.herald.internal.filter.SelectSpec;
import dev.herald.internal.filter.Values;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code select} conditions of one path, grouped by array position: each position's inner
 * queries are registered in a nested partition and matched against {@code {"value": element}}, so
 * select conditions are found by index, like any other.
 */
final class SelectIndex {
  private volatile Map<Integer, Slot> slots = Map.of();

  private static final class Slot {
    final int index;
    final Partition sub;
    final ConcurrentHashMap<String, Members> byQuery = new ConcurrentHashMap<>();

    Slot(int index, Partition sub) {
      this.index = index;
      this.sub = sub;
    }
  }

  void add(Condition c, Partition owner) {
    SelectSpec spec = (SelectSpec) c.spec;
    Slot slot = slots.get(spec.index());
    if (slot == null) {
      slot = new Slot(spec.index(), owner.nested());
      Map<Integer, Slot> next = new HashMap<>(slots);
      next.put(spec.index(), slot);
      slots = Map.copyOf(next);
    }
    String query = slot.sub.registerLocked(spec.query()).id;
    slot.byQuery.computeIfAbsent(query, q -> new Members()).add(c);
  }

  void remove(Condition c) {
    SelectSpec spec = (SelectSpec) c.spec;
    Slot slot = slots.get(spec.index());
    if (slot == null) {
      return;
    }
    String query = spec.query().id();
    Members m = slot.byQuery.get(query);
    if (m != null) {
      m.remove(c);
      if (m.isEmpty()) {
        slot.byQuery.remove(query);
      }
      slot.sub.removeLocked(spec.query().id());
    }
    if (slot.byQuery.isEmpty()) {
      Map<Integer, Slot> next = new HashMap<>(slots);
      next.remove(spec.index());
      slots = Map.copyOf(next);
    }
  }

  boolean isEmpty() {
    return slots.isEmpty();
  }

  private static void hitAll(Scratch s, Object conditions) {
    if (conditions instanceof Object[]) {
      for (Object o : (Object[]) conditions) {
        if (o == null) {
          break;
        }
        if (o != Posting.TOMBSTONE) {
          hitOne(s, (Condition) o);
        }
      }
    } else if (conditions != null) {
      hitOne(s, (Condition) conditions);
    }
  }

  private static void hitOne(Scratch s, Condition c) {
    if (!c.dead) {
      s.remember(c, true);
      Partition.hit(s, c);
    }
  }

  /** Finds the select conditions the array {@code value} satisfies and reports them as hits. */
  void probe(Scratch s, Object value) {
    List<Object> items = Values.asList(value);
    if (items == null) {
      return;
    }
    for (Slot slot : slots.values()) {
      int i = slot.index < 0 ? items.size() + slot.index : slot.index;
      if (i < 0 || i >= items.size()) {
        continue;
      }
      Scratch inner = s.child();
      slot.sub.collectElement(inner, items.get(i));
      for (int k = 0; k < inner.outCount; k++) {
        Members m = slot.byQuery.get(inner.id(k));
        if (m != null) {
          hitAll(s, m.items);
        }
      }
      inner.end();
    }
  }
}
