package dev.herald.internal.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Behaviour on hand-picked cases. Tests taking {@code filler} run once with the intervals under test
 * still in the tail, and once pushed into the static levels by a thousand far-away intervals.
 */
class RangeIndexTest {
  private static final double FAR = 1e9;

  private record Item(String name) {}

  private final RangeIndex<Item> index = new RangeIndex<>();

  @Test
  void emptyIndexStabsNothing() {
    assertThat(stab(0)).isEmpty();
    assertThat(stab(Double.NEGATIVE_INFINITY)).isEmpty();
    assertThat(index.size()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1000})
  void boundsAreClosed(int filler) {
    Item a = add("a", 1, 2);
    Item p = add("point", 5, 5);
    fill(filler);

    assertThat(stab(1)).containsExactly(a);
    assertThat(stab(1.5)).containsExactly(a);
    assertThat(stab(2)).containsExactly(a);
    assertThat(stab(Math.nextDown(1.0))).isEmpty();
    assertThat(stab(Math.nextUp(2.0))).isEmpty();
    assertThat(stab(5)).containsExactly(p);
    assertThat(stab(Math.nextUp(5.0))).isEmpty();
    assertThat(stab(Math.nextDown(5.0))).isEmpty();
    assertThat(index.size()).isEqualTo(2 + filler);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1000})
  void infiniteBounds(int filler) {
    Item below = add("below", Double.NEGATIVE_INFINITY, 3);
    Item above = add("above", 4, Double.POSITIVE_INFINITY);
    Item all = add("all", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    Item minusInf = add("-inf", Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
    fill(filler);

    assertThat(stab(Double.NEGATIVE_INFINITY)).containsExactlyInAnyOrder(below, all, minusInf);
    assertThat(stab(-Double.MAX_VALUE)).containsExactlyInAnyOrder(below, all);
    assertThat(stab(3.5)).containsExactly(all);
    assertThat(stab(Double.MAX_VALUE)).containsExactlyInAnyOrder(above, all);
    assertThat(stab(Double.POSITIVE_INFINITY)).containsExactlyInAnyOrder(above, all);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1000})
  void nanStabsNothing(int filler) {
    add("all", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    fill(filler);

    assertThat(stab(Double.NaN)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1000})
  void negativeZeroEqualsZero(int filler) {
    Item negPoint = add("[-0,-0]", -0.0, -0.0);
    Item fromZero = add("[0,1]", 0.0, 1);
    Item toNegZero = add("[-1,-0]", -1, -0.0);
    Item toZero = add("[-1,0]", -1, 0.0);
    fill(filler);

    assertThat(stab(0.0)).containsExactlyInAnyOrder(negPoint, fromZero, toNegZero, toZero);
    assertThat(stab(-0.0)).containsExactlyInAnyOrder(negPoint, fromZero, toNegZero, toZero);
    assertThat(stab(Double.MIN_VALUE)).containsExactly(fromZero);
    assertThat(stab(-Double.MIN_VALUE)).containsExactlyInAnyOrder(toNegZero, toZero);

    // Bounds given with the other zero still name the same interval.
    index.remove(negPoint, 0.0, 0.0);
    index.remove(toZero, -1, -0.0);
    assertThat(stab(0.0)).containsExactlyInAnyOrder(fromZero, toNegZero);
    assertThat(index.size()).isEqualTo(2 + filler);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1000})
  void itemsSharingBoundsAreEachReportedOnce(int filler) {
    List<Item> shared = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      shared.add(add("s" + i, 10, 20));
    }
    fill(filler);

    assertThat(stab(15)).containsExactlyInAnyOrderElementsOf(shared);
    for (int i = 0; i < 500; i += 2) {
      index.remove(shared.get(i), 10, 20);
    }
    List<Item> odd = new ArrayList<>();
    for (int i = 1; i < 500; i += 2) {
      odd.add(shared.get(i));
    }
    assertThat(stab(10)).containsExactlyInAnyOrderElementsOf(odd);
    assertThat(stab(20)).containsExactlyInAnyOrderElementsOf(odd);
    assertThat(index.size()).isEqualTo(250 + filler);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1000})
  void unknownItemsAndOtherBoundsAreIgnoredOnRemoval(int filler) {
    Item a = add("a", 1, 2);
    fill(filler);

    index.remove(new Item("stranger"), 1, 2);
    index.remove(a, 1, 3);
    index.remove(a, 0, 2);
    index.remove(a, Double.NaN, 2);
    index.remove(a, 2, 1);
    index.remove(null, 1, 2);
    assertThat(stab(1.5)).containsExactly(a);
    assertThat(index.size()).isEqualTo(1 + filler);

    index.remove(a, 1, 2);
    index.remove(a, 1, 2);
    assertThat(stab(1.5)).isEmpty();
    assertThat(index.size()).isEqualTo(filler);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1000})
  void anItemRemovedCanBeAddedAgain(int filler) {
    Item a = add("a", 1, 2);
    fill(filler);
    index.remove(a, 1, 2);
    index.add(a, 1, 2);
    fill(filler); // moves the new copy into a level too, beside the marked old one
    assertThat(stab(1.5)).containsExactly(a);

    index.remove(a, 1, 2);
    assertThat(stab(1.5)).isEmpty();
    index.add(a, 3, 4);
    assertThat(stab(1.5)).isEmpty();
    assertThat(stab(3.5)).containsExactly(a);
  }

  @Test
  void removingEverythingEmptiesTheIndex() {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      items.add(add("i" + i, i, i + 10));
    }
    for (int i = 0; i < 3000; i++) {
      index.remove(items.get(i), i, i + 10);
      assertThat(index.size()).isEqualTo(2999 - i);
    }
    for (int x = -1; x < 3012; x += 7) {
      assertThat(stab(x)).isEmpty();
    }
    Item again = add("again", 0, 1);
    assertThat(stab(0.5)).containsExactly(again);
  }

  @Test
  void compactionMergesEverythingIntoOneStructureAndChangesNoAnswer() {
    java.util.Random r = new java.util.Random(7);
    List<Item> items = new ArrayList<>();
    List<double[]> bounds = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      double lo = r.nextInt(1000);
      double hi = lo + r.nextInt(50);
      items.add(add("i" + i, lo, hi));
      bounds.add(new double[] {lo, hi});
    }
    for (int i = 0; i < 2500; i += 3) {
      index.remove(items.get(i), bounds.get(i)[0], bounds.get(i)[1]);
    }
    assertThat(index.isFragmented()).isTrue();
    List<List<Item>> before = new ArrayList<>();
    for (int x = -1; x <= 1050; x++) {
      before.add(stab(x));
    }

    assertThat(index.claimCompaction()).isTrue();
    assertThat(index.claimCompaction()).as("claimed once until it runs").isFalse();
    index.compact();

    assertThat(index.isFragmented()).isFalse();
    assertThat(index.claimCompaction()).isTrue();
    for (int x = -1; x <= 1050; x++) {
      assertThat(stab(x)).containsExactlyInAnyOrderElementsOf(before.get(x + 1));
    }
    // Changes after a compaction work as before.
    index.remove(items.get(1), bounds.get(1)[0], bounds.get(1)[1]);
    Item late = add("late", 10, 20);
    assertThat(stab(15)).contains(late).doesNotContain(items.get(1));
    assertThat(index.size()).isEqualTo(2500 - 834 - 1 + 1);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1000})
  void hitsTellAPointOnABoundFromOneStrictlyInside(int filler) {
    Item a = add("a", 1, 3);
    Item b = add("b", 2, 2);
    Item c = add("c", 2, 5);
    fill(filler);

    assertThat(classify(1)).containsExactly("a on bound");
    assertThat(classify(2)).containsExactlyInAnyOrder("a inside", "b on bound", "c on bound");
    assertThat(classify(2.5)).containsExactlyInAnyOrder("a inside", "c inside");
    assertThat(classify(3)).containsExactlyInAnyOrder("a on bound", "c inside");
    assertThat(classify(5)).containsExactly("c on bound");
    index.compact();
    // A point on a tree's center may be reported on a bound when it is not (never the reverse).
    assertThat(classify(2.5)).containsExactlyInAnyOrder("a inside", "c inside");
    assertThat(classify(1)).containsExactly("a on bound");
    assertThat(classify(5)).containsExactly("c on bound");
  }

  private List<String> classify(double x) {
    List<String> hits = new ArrayList<>();
    index.stab(x, new RangeHits<Item>() {
      @Override
      public void inside(Item item) {
        hits.add(item.name() + " inside");
      }

      @Override
      public void onBound(Item item) {
        hits.add(item.name() + " on bound");
      }
    });
    return hits;
  }

  @Test
  void rejectsMalformedIntervals() {
    Item a = new Item("a");
    assertThatThrownBy(() -> index.add(a, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.add(a, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.add(a, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.add(a, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.add(null, 1, 2)).isInstanceOf(NullPointerException.class);
    assertThat(index.size()).isZero();
    assertThat(stab(1)).isEmpty();
  }

  private Item add(String name, double lo, double hi) {
    Item item = new Item(name);
    index.add(item, lo, hi);
    return item;
  }

  private void fill(int count) {
    for (int i = 0; i < count; i++) {
      index.add(new Item("filler" + i), FAR + i, FAR + i + 0.5);
    }
  }

  private List<Item> stab(double x) {
    List<Item> hits = new ArrayList<>();
    index.stab(x, hits::add);
    return hits;
  }
}
