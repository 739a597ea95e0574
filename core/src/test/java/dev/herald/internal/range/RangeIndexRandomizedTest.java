package dev.herald.internal.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random adds, removes and stabs checked against a plain list after every operation: the index must
 * report exactly the present items containing x, each exactly once, and agree on the size.
 */
class RangeIndexRandomizedTest {
  /** Workload shapes: how intervals are drawn. */
  enum Shape {
    /** Narrow intervals spread uniformly, so most stabs hit a handful. */
    NARROW,
    /** Points, half-lines, whole line, wide and narrow intervals, repeated bounds, zeros. */
    MIXED,
    /** A few distinct intervals shared by many items. */
    SHARED_BOUNDS,
    /** Grows to thousands, then shrinks to a few, crossing every rebuild and drop threshold. */
    GROW_AND_SHRINK
  }

  private static final class Item {
    final int id;
    final double lo;
    final double hi;
    boolean present;
    /** The owner's direct id for it, which changes now and then; null for none. */
    String direct;

    Item(int id, double lo, double hi) {
      this.id = id;
      this.lo = lo;
      this.hi = hi;
    }

    @Override
    public String toString() {
      return "#" + id + "[" + lo + ", " + hi + "]";
    }
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void agreesWithBruteForce(Shape shape) {
    long seed = TestSeeds.seed("RangeIndexRandomizedTest " + shape, 20260101L + shape.ordinal());
    Random r = new Random(seed);
    RangeIndex<Item> index = new RangeIndex<>(item -> item.direct);
    List<Item> all = new ArrayList<>();
    List<Item> present = new ArrayList<>();
    List<Item> absent = new ArrayList<>(); // removed, may come back
    int[] seen = new int[1];
    int[] stamps = new int[0];
    int ops = shape == Shape.GROW_AND_SHRINK ? 12_000 : 6_000;

    for (int op = 0; op < ops; op++) {
      String where = "seed " + seed + ", op " + op;
      double addChance = switch (shape) {
        case GROW_AND_SHRINK -> op < ops / 2 ? 0.9 : 0.05;
        default -> present.size() < 1500 ? 0.65 : 0.4;
      };
        if (r.nextDouble() < addChance || present.isEmpty()) {
        Item item;
        if (!absent.isEmpty() && r.nextInt(20) == 0) {
          item = takeAt(absent, r.nextInt(absent.size())); // the same item again
        } else {
          double[] b = bounds(shape, r, present);
          item = new Item(all.size(), b[0], b[1]);
          all.add(item);
        }
        index.add(item, item.lo, item.hi);
        item.present = true;
        present.add(item);
      } else if (r.nextInt(10) == 0) {
        // The owner changes a direct id: later stabs report the new one with the item.
        Item item = present.get(r.nextInt(present.size()));
        item.direct = r.nextInt(3) == 0 ? null : "d" + op;
        index.setDirect(item, item.lo, item.hi, item.direct);
      } else if (r.nextInt(20) == 0) {
        // Not present: an unknown item, or a present one with other bounds; both are ignored.
        Item some = present.get(r.nextInt(present.size()));
        if (r.nextBoolean()) {
          index.remove(new Item(-1, some.lo, some.hi), some.lo, some.hi);
        } else {
          index.remove(some, some.lo, some.hi == Double.POSITIVE_INFINITY ? 1e300 : some.hi + 1);
        }
      } else {
        Item item = takeAt(present, r.nextInt(present.size()));
        item.present = false;
        absent.add(item);
        index.remove(item, item.lo, item.hi);
      }

      assertThat(index.size()).as(where).isEqualTo(present.size());
      if (stamps.length < all.size()) {
        stamps = Arrays.copyOf(stamps, all.size() * 2);
      }
      int checks = shape == Shape.GROW_AND_SHRINK && op % 10 != 0 ? 0 : 2;
      for (int q = 0; q < checks; q++) {
        double x = probe(r, present);
        int stamp = ++seen[0];
        int[] marks = stamps;
        List<Item> duplicates = new ArrayList<>();
        List<Item> hits = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        index.stab(x, new RangeHits<Item>() {
          @Override
          public void inside(Item item) {
            if (!(item.lo < x && x < item.hi)) {
              wrong.add(item + " reported strictly inside");
            }
            onBound(item);
          }

          @Override
          public void onBound(Item item) {
            if (marks[item.id] == stamp) {
              duplicates.add(item);
            }
            marks[item.id] = stamp;
            hits.add(item);
          }

          @Override
          public void insideRun(Object[] items, String[] directIds, int from, int to) {
            for (int i = from; i < to; i++) {
              Item item = (Item) items[i];
              if (!Objects.equals(directIds[i], item.direct)) {
                wrong.add(item + " reported with direct id " + directIds[i] + ", not " + item.direct);
              }
              inside(item);
            }
          }
        });
        assertThat(wrong).as("%s: stab %s", where, x).isEmpty();
        List<Item> expected = new ArrayList<>();
        for (Item item : present) {
          if (item.lo <= x && x <= item.hi) {
            expected.add(item);
          }
        }
        assertThat(duplicates).as("%s: reported twice at %s", where, x).isEmpty();
        if (!sortedIds(hits).equals(sortedIds(expected))) { // cheap check first; AssertJ explains
          assertThat(hits).as("%s: stab %s", where, x).containsExactlyInAnyOrderElementsOf(expected);
        }
      }
    }
  }

  private static List<Integer> sortedIds(List<Item> items) {
    return items.stream().map(i -> i.id).sorted().toList();
  }

  /** Removes an element in O(1), moving the last one into its place. */
  private static Item takeAt(List<Item> list, int i) {
    Item item = list.get(i);
    Item last = list.remove(list.size() - 1);
    if (i < list.size()) {
      list.set(i, last);
    }
    return item;
  }

  private static double[] bounds(Shape shape, Random r, List<Item> present) {
    switch (shape) {
      case NARROW, GROW_AND_SHRINK: {
        double lo = -10_000 + 20_000 * r.nextDouble();
        return new double[] {lo, lo + 100 * r.nextDouble()};
      }
      case SHARED_BOUNDS: {
        int k = r.nextInt(6);
        return new double[] {k * 10, k * 10 + (k % 3) * 15};
      }
      default: {
        if (!present.isEmpty() && r.nextInt(5) == 0) {
          Item same = present.get(r.nextInt(present.size()));
          return new double[] {same.lo, same.hi};
        }
        double a = r.nextInt(3) == 0 ? r.nextInt(21) - 10 : -100 + 200 * r.nextDouble();
        return switch (r.nextInt(10)) {
          case 0 -> new double[] {a, a};
          case 1 -> new double[] {Double.NEGATIVE_INFINITY, a};
          case 2 -> new double[] {a, Double.POSITIVE_INFINITY};
          case 3 -> new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
          case 4 -> new double[] {-0.0, r.nextBoolean() ? 0.0 : -0.0};
          case 5 -> new double[] {a, a + 150 * r.nextDouble()};
          default -> new double[] {a, a + 3 * r.nextDouble()};
        };
      }
    }
  }

  /** Mostly bounds of present intervals and their neighbours, where off-by-one errors show. */
  private static double probe(Random r, List<Item> present) {
    if (present.isEmpty() || r.nextInt(8) == 0) {
      return switch (r.nextInt(6)) {
        case 0 -> Double.NEGATIVE_INFINITY;
        case 1 -> Double.POSITIVE_INFINITY;
        case 2 -> Double.NaN;
        case 3 -> r.nextBoolean() ? 0.0 : -0.0;
        default -> -12_000 + 24_000 * r.nextDouble();
      };
    }
    Item some = present.get(r.nextInt(present.size()));
    double bound = r.nextBoolean() ? some.lo : some.hi;
    if (Double.isInfinite(bound)) {
      return r.nextBoolean() ? bound : r.nextGaussian() * 100;
    }
    return switch (r.nextInt(4)) {
      case 0 -> Math.nextDown(bound);
      case 1 -> Math.nextUp(bound);
      case 2 -> bound + r.nextGaussian() * 5;
      default -> bound;
    };
  }
}
