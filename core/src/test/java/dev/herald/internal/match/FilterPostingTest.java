package dev.herald.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A conjunction shared by many filters keeps their ids and slots inline, and each filter's record
 * keeps the position of its entry: removals anywhere (first, middle, last, after compactions moved
 * the entries) tombstone the right entry, and matching sees exactly the filters left.
 */
class FilterPostingTest {
  private static final Map<String, Object> HOT = Map.of("topic", "hot");

  private final PartitionFixture f = new PartitionFixture();

  /** {@code or(equals topic:"hot", equals city:"c<i>")}: the conjunction {@code topic:"hot"} is shared. */
  private static String sharing(int i) {
    return "{\"or\":[{\"equals\":{\"topic\":\"hot\"}},{\"equals\":{\"city\":\"c" + i + "\"}}]}";
  }

  private List<String> registerSharing(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      ids.add(f.register(sharing(i)));
    }
    return ids;
  }

  /** The conjunction of {@code rec} that is the single literal on {@code path}. */
  private static Conjunction conjunctionOn(FilterRecord rec, String path) {
    for (int i = 0; i < rec.conjunctionCount(); i++) {
      Conjunction c = rec.conjunction(i);
      if (c.isSingle() && c.access.spec.path().equals(path)) {
        return c;
      }
    }
    throw new AssertionError(rec + " has no conjunction on " + path);
  }

  private void assertMatches(Set<String> expected) {
    assertThat(f.match(HOT)).isEqualTo(expected);
    f.assertEntriesConsistent();
  }

  @Test
  void removingTheFirstMiddleAndLastFilterOfASharedConjunction() {
    List<String> ids = registerSharing(0, 100);
    Set<String> live = new HashSet<>(ids);
    Conjunction shared = conjunctionOn(f.record(ids.get(0)), "topic");
    assertThat(shared.filterCount()).isEqualTo(100);
    assertMatches(live);

    for (String gone : List.of(ids.get(50), ids.get(0), ids.get(99))) {
      assertThat(f.remove(gone)).isTrue();
      live.remove(gone);
      assertMatches(live);
    }
    FilterPosting.Entries e = (FilterPosting.Entries) shared.filters;
    assertThat(e.ids[50]).isSameAs(FilterPosting.GONE);
    assertThat(e.ids[0]).isSameAs(FilterPosting.GONE);
    assertThat(e.ids[99]).as("the last entry is dropped, not left as garbage").isNull();
    assertThat(shared.filterCount()).isEqualTo(97);
    // The other conjunction of each filter still works on its own.
    assertThat(f.match(Map.of("city", "c7"))).containsExactly(ids.get(7));
    assertThat(f.match(Map.of("city", "c50"))).isEmpty();
  }

  @Test
  void removalsAfterCompactionsFindTheEntriesThatMoved() {
    List<String> ids = registerSharing(0, 200);
    Set<String> live = new HashSet<>(ids);
    Conjunction shared = conjunctionOn(f.record(ids.get(0)), "topic");
    Object before = shared.filters;
    // Every other filter goes, and the first 20: more than half of the entries become garbage, the
    // arrays are compacted.
    for (int i = 0; i < 200; i++) {
      if (i % 2 == 0 || i < 20) {
        f.remove(ids.get(i));
        live.remove(ids.get(i));
      }
    }
    assertThat(shared.filters).as("compacted into new arrays").isNotSameAs(before);
    FilterRecord last = f.record(ids.get(199));
    int index = last.conjunction(0) == shared ? 0 : 1;
    assertThat(last.position(index)).as("the last entry moved down").isLessThan(199);
    assertMatches(live);
    // New filters are appended after the compacted entries; then everything goes, in random order.
    List<String> added = registerSharing(200, 300);
    live.addAll(added);
    assertMatches(live);
    List<String> order = new ArrayList<>(live);
    Collections.sort(order);
    Collections.shuffle(order, new Random(42));
    for (String id : order) {
      assertThat(f.remove(id)).isTrue();
      live.remove(id);
      assertMatches(live);
    }
    assertThat(shared.filters).isNull();
    f.assertEmpty();
  }

  @Test
  void aConjunctionGoesFromOneFilterToManyAndBack() {
    String a = f.register(sharing(0));
    Conjunction shared = conjunctionOn(f.record(a), "topic");
    assertThat(shared.filters).as("one filter: its record").isSameAs(f.record(a));
    String b = f.register(sharing(1));
    assertThat(shared.filters).isInstanceOf(FilterPosting.Entries.class);
    assertMatches(Set.of(a, b));
    f.remove(a);
    assertMatches(Set.of(b));
    String c = f.register(sharing(2));
    assertMatches(Set.of(b, c));
    f.remove(c);
    f.remove(b);
    assertMatches(Set.of());
    String d = f.register(sharing(3));
    Conjunction again = conjunctionOn(f.record(d), "topic");
    assertThat(again.filters).isSameAs(f.record(d));
    assertMatches(Set.of(d));
  }

  /**
   * Filters of three conjunctions, two of them shared by all (topic and exists grp.g): every record
   * keeps a position per conjunction, and removals in random order with compactions keep them right.
   */
  @Test
  void filtersOfSeveralSharedConjunctions() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      ids.add(f.register("{\"or\":[{\"equals\":{\"topic\":\"hot\"}},{\"exists\":\"grp.g\"},"
          + "{\"equals\":{\"city\":\"c" + i + "\"}}]}"));
      if (i % 3 == 0) {
        ids.add(f.register(sharing(i))); // shares only the first
      }
    }
    Set<String> live = new HashSet<>(ids);
    Random random = new Random(7);
    Collections.shuffle(ids, random);
    for (String id : ids) {
      f.remove(id);
      live.remove(id);
      assertMatches(live);
      Set<String> withGroup = new HashSet<>();
      for (String l : live) {
        if (f.record(l).conjunctionCount() == 3) {
          withGroup.add(l);
        }
      }
      assertThat(f.match(Map.of("grp", Map.of("g", 1)))).isEqualTo(withGroup);
    }
    f.assertEmpty();
  }

  /** The same filter registered twice is held once, and leaves with its last registration. */
  @Test
  void aFilterRegisteredTwiceIsOneEntry() {
    List<String> ids = registerSharing(0, 10);
    assertThat(f.register(sharing(3))).isEqualTo(ids.get(3));
    assertThat(conjunctionOn(f.record(ids.get(0)), "topic").filterCount()).isEqualTo(10);
    f.remove(ids.get(3));
    assertMatches(new HashSet<>(ids));
    f.remove(ids.get(3));
    Set<String> left = new HashSet<>(ids);
    left.remove(ids.get(3));
    assertMatches(left);
  }
}
