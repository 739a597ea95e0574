package dev.herald.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Conditions that are whole filters by themselves are held under a shared index key as their
 * filter's id ({@link KeyPosting#directIds}); the writer moves them between that list and the
 * conditions list as other filters start and stop sharing them, and matching always finds each
 * filter exactly once.
 */
class KeyPostingTest {
  private final PartitionFixture f = new PartitionFixture();

  private static String in(String... values) {
    StringBuilder b = new StringBuilder("{\"in\":{\"tag\":[");
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : ",").append('"').append(values[i]).append('"');
    }
    return b.append("]}}").toString();
  }

  private static Map<String, Object> tag(String value) {
    return Map.of("tag", value);
  }

  private KeyPosting keyX() {
    return (KeyPosting) f.equalityKey("tag", "x");
  }

  private static List<String> directIds(KeyPosting k) {
    String[] a = k.directIds;
    return a == null ? List.of()
        : Arrays.stream(a).filter(id -> id != null && id != FilterPosting.GONE).toList();
  }

  /** The condition of a filter that is a single condition. */
  private Condition conditionOf(String id) {
    return f.record(id).conjunction(0).access;
  }

  @Test
  void aConditionSharedByAnotherFilterStopsBeingDirectAndComesBack() {
    String a = f.register(in("x", "y"));
    String b = f.register(in("x", "z"));
    assertThat(directIds(keyX())).containsExactlyInAnyOrder(a, b);
    assertThat(keyX().items).as("no condition to test under x").isNull();
    assertThat(f.equalityKey("tag", "y")).as("alone under y: the condition itself").isSameAs(conditionOf(a));
    assertThat(f.match(tag("x"))).containsExactlyInAnyOrder(a, b);
    assertThat(f.match(tag("y"))).containsExactly(a);

    // c holds a's conjunction too: a's condition now leads to two filters.
    String c = f.register("{\"or\":[" + in("x", "y") + ",{\"equals\":{\"foo\":1}}]}");
    assertThat(conditionOf(a).directId).isNull();
    assertThat(directIds(keyX())).containsExactly(b);
    assertThat(keyX().items).isSameAs(conditionOf(a));
    assertThat(f.match(tag("x"))).containsExactlyInAnyOrder(a, b, c);
    assertThat(f.match(tag("y"))).containsExactlyInAnyOrder(a, c);
    assertThat(f.match(Map.of("tag", "x", "foo", 1))).containsExactlyInAnyOrder(a, b, c);

    f.remove(c);
    assertThat(conditionOf(a).directId).isEqualTo(a);
    assertThat(directIds(keyX())).containsExactlyInAnyOrder(a, b);
    assertThat(f.match(tag("x"))).containsExactlyInAnyOrder(a, b);

    // A second conjunction reached through b's condition: b's hit must verify it.
    String d = f.register("{\"and\":[" + in("x", "z") + ",{\"exists\":\"foo\"}]}");
    assertThat(conditionOf(b).directId).isNull();
    assertThat(directIds(keyX())).containsExactly(a);
    assertThat(f.match(tag("x"))).containsExactlyInAnyOrder(a, b);
    assertThat(f.match(Map.of("tag", "z", "foo", 1))).containsExactlyInAnyOrder(b, d);
    f.remove(d);
    assertThat(directIds(keyX())).containsExactlyInAnyOrder(a, b);

    // a leaves while direct: x holds b's condition alone again, as the condition itself.
    f.remove(a);
    assertThat(f.equalityKey("tag", "x")).isSameAs(conditionOf(b));
    assertThat(conditionOf(b).directId).isEqualTo(b);
    assertThat(f.equalityKey("tag", "y")).isNull();
    assertThat(f.match(tag("x"))).containsExactly(b);
    assertThat(f.match(tag("y"))).isEmpty();

    // a comes back: a new condition, direct from the start.
    String again = f.register(in("x", "y"));
    assertThat(again).isEqualTo(a);
    assertThat(directIds(keyX())).containsExactlyInAnyOrder(a, b);
    f.remove(a);
    f.remove(b);
    f.assertEmpty();
  }

  @Test
  void aConditionStillDirectWhenTheSharerLeavesLast() {
    String a = f.register(in("x", "y"));
    f.register(in("x", "w"));
    String c = f.register("{\"or\":[" + in("x", "y") + ",{\"equals\":{\"foo\":1}}]}");
    f.remove(a); // c alone holds the conjunction now, but c has two conjunctions: not direct
    Condition cond = f.record(c).conjunction(0).access != null
        && f.record(c).conjunction(0).access.spec.path().equals("tag")
        ? f.record(c).conjunction(0).access : f.record(c).conjunction(1).access;
    assertThat(cond.directId).isNull();
    assertThat(f.match(tag("y"))).containsExactly(c);
    assertThat(f.match(tag("x"))).hasSize(2).contains(c);
  }

  /**
   * Many direct conditions under one key, whose directness flips as sharers come and go, in random
   * order: after every write, the key's two lists partition its conditions by directness, and every
   * document finds exactly the filters a model says.
   */
  @Test
  void randomChurnKeepsTheTwoListsExact() {
    Random random = new Random(2026);
    int n = 40;
    List<String> pool = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pool.add(in("x", "y" + i)); // direct while nobody shares it
      pool.add("{\"or\":[" + in("x", "y" + i) + ",{\"equals\":{\"foo\":" + i + "}}]}"); // shares it
      pool.add("{\"and\":[" + in("x", "y" + i) + ",{\"exists\":\"bar\"}]}"); // a second conjunction
    }
    Map<String, String> registered = new HashMap<>(); // filter JSON -> id
    List<Map<String, Object>> documents = new ArrayList<>();
    documents.add(tag("x"));
    documents.add(Map.of("tag", "x", "bar", true));
    for (int i = 0; i < n; i += 7) {
      documents.add(tag("y" + i));
      documents.add(Map.of("tag", "y" + i, "foo", i));
    }
    // What each filter of the pool matches, registered alone.
    Map<String, List<Boolean>> alone = new HashMap<>();
    for (String json : pool) {
      PartitionFixture solo = new PartitionFixture();
      solo.register(json);
      List<Boolean> m = new ArrayList<>();
      for (Map<String, Object> d : documents) {
        m.add(!solo.match(d).isEmpty());
      }
      alone.put(json, m);
    }
    for (int step = 0; step < 3000; step++) {
      String json = pool.get(random.nextInt(pool.size()));
      String id = registered.remove(json);
      if (id != null) {
        assertThat(f.remove(id)).isTrue();
      } else {
        registered.put(json, f.register(json));
      }
      assertKeyListsExact();
      f.assertEntriesConsistent();
      for (int d = 0; d < documents.size(); d++) {
        Set<String> expected = new HashSet<>();
        for (Map.Entry<String, String> e : registered.entrySet()) {
          if (alone.get(e.getKey()).get(d)) {
            expected.add(e.getValue());
          }
        }
        assertThat(f.match(documents.get(d))).as("step %d, document %s", step, documents.get(d)).isEqualTo(expected);
      }
    }
    for (String id : registered.values()) {
      f.remove(id);
    }
    f.assertEmpty();
  }

  /** Under key x: conditions without a direct id in items, and the direct ids of the others. */
  private void assertKeyListsExact() {
    Object slot = f.equalityKey("tag", "x");
    if (!(slot instanceof KeyPosting k)) {
      return;
    }
    List<Condition> items = new ArrayList<>();
    Object it = k.items;
    if (it instanceof Object[] a) {
      for (Object o : a) {
        if (o != null && o != Posting.TOMBSTONE) {
          items.add((Condition) o);
        }
      }
    } else if (it != null) {
      items.add((Condition) it);
    }
    for (Condition c : items) {
      assertThat(c.directId).as("a condition listed to be tested has no direct id").isNull();
      assertThat(c.dead).isFalse();
    }
    List<String> direct = directIds(k);
    assertThat(new HashSet<>(direct)).as("direct ids once each").hasSameSizeAs(direct);
    for (String id : direct) {
      FilterRecord rec = f.record(id);
      assertThat(rec).as("direct id %s of a registered filter", id).isNotNull();
      assertThat(conditionOf(id).directId).isSameAs(id);
    }
    assertThat(k.conditionCount()).isEqualTo(items.size() + direct.size()).isGreaterThan(1);
    // Every condition filed under x is in one of the lists.
    Set<Condition> filed = Collections.newSetFromMap(new IdentityHashMap<>());
    filed.addAll(items);
    for (String id : direct) {
      filed.add(conditionOf(id));
    }
    for (String id : f.partition.ids()) {
      FilterRecord rec = f.record(id);
      for (int i = 0; i < rec.conjunctionCount(); i++) {
        Condition access = rec.conjunction(i).access;
        if (access != null && access.spec.path().equals("tag")) {
          assertThat(filed).as("condition of %s filed under x", id).contains(access);
          assertThat(access.directId).as("direct id of the condition of %s", id).isIn(null, id);
        }
      }
    }
  }
}
