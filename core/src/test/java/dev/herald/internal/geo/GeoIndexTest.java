package dev.herald.internal.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GeoIndexTest {

  /** An item; identity is what the index goes by. */
  record Item(int id, GeoShape shape, Supplier<GeoShape> recipe) {
    Item(int id, GeoShape shape) {
      this(id, shape, () -> shape);
    }

    Item(int id, Supplier<GeoShape> recipe) {
      this(id, recipe.get(), recipe);
    }

    @Override
    public boolean equals(Object o) {
      return this == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  private static List<Item> query(GeoIndex<Item> index, GeoPoint p) {
    List<Item> hits = new ArrayList<>();
    index.query(p, hits::add);
    return hits;
  }

  private static Set<Item> bruteForce(List<Item> items, GeoPoint p) {
    Set<Item> hits = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Item item : items) {
      if (ShortcutsTest.exact(item.shape, p)) {
        hits.add(item);
      }
    }
    return hits;
  }

  private static void assertSameAsBruteForce(GeoIndex<Item> index, List<Item> live, GeoPoint p, long seed) {
    List<Item> hits = query(index, p);
    Set<Item> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    distinct.addAll(hits);
    assertThat(distinct).as("seed %d: no item reported twice at %s", seed, p).hasSameSizeAs(hits);
    assertThat(distinct).as("seed %d: hits at %s", seed, p).isEqualTo(bruteForce(live, p));
  }

  @Test
  void findsExactlyWhatABruteForceScanFinds() {
    long seed = 424242L;
    System.out.println("GeoIndexTest.findsExactlyWhatABruteForceScanFinds seed " + seed);
    Random random = new Random(seed);
    RandomShapes shapes = new RandomShapes(random);
    GeoIndex<Item> index = new GeoIndex<>();
    List<Item> live = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      Item item = new Item(i, shapes.recipe());
      index.add(item, item.shape);
      live.add(item);
    }
    List<GeoPoint> points = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      points.add(i % 2 == 0 ? shapes.point() : shapes.pointNear(live.get(random.nextInt(live.size())).shape));
    }
    for (GeoPoint p : points) {
      assertSameAsBruteForce(index, live, p, seed);
    }

    // Remove every other item, with an equal shape built anew half of the time.
    List<Item> kept = new ArrayList<>();
    for (Item item : live) {
      if (item.id % 2 == 0) {
        GeoShape equal = item.recipe.get();
        assertThat(equal).isNotSameAs(item.shape).isEqualTo(item.shape);
        index.remove(item, item.id % 4 == 0 ? item.shape : equal);
      } else {
        kept.add(item);
      }
    }
    assertThat(index.size()).isEqualTo(kept.size());
    for (GeoPoint p : points) {
      assertSameAsBruteForce(index, kept, p, seed);
    }

    for (Item item : kept) {
      index.remove(item, item.shape);
    }
    assertThat(index.isEmpty()).isTrue();
    for (GeoPoint p : points.subList(0, 100)) {
      assertThat(query(index, p)).isEmpty();
    }
  }

  /**
   * Polygons are filed in finer cells, skipped where they miss a cell and reported untested where they
   * fill one: the index still finds exactly the right ones on and around every side of those cells.
   */
  @Test
  void polygonsFiledInFineCellsAreFoundOnEveryCellSide() {
    Random random = new Random(SEED_CELLS);
    GeoIndex<Item> index = new GeoIndex<>();
    List<Item> live = new ArrayList<>();
    List<GeoShape> polygons = ShortcutsTest.polygons(random, 400);
    for (int i = 0; i < polygons.size(); i++) {
      Item item = new Item(i, polygons.get(i));
      index.add(item, item.shape);
      live.add(item);
    }
    for (Item item : live.subList(0, 60)) {
      int level = item.shape.level();
      double size = 180.0 / (1 << level);
      for (long key : GeoIndex.keys(item.shape.bounds(), level)) {
        int row = (int) (key >>> 28) & ((1 << 28) - 1);
        int column = (int) key & ((1 << 28) - 1);
        for (GeoPoint p : ShortcutsTest.aroundCell(row * size - 90, column * size - 180, size, random)) {
          assertSameAsBruteForce(index, live, p, SEED_CELLS);
        }
      }
    }
    // Remove half, then every polygon: nothing is left behind in any cell.
    for (int i = 0; i < live.size(); i += 2) {
      index.remove(live.get(i), live.get(i).shape);
    }
    List<Item> kept = new ArrayList<>();
    for (int i = 1; i < live.size(); i += 2) {
      kept.add(live.get(i));
    }
    for (int i = 0; i < 3000; i++) {
      Item near = live.get(random.nextInt(live.size()));
      Bounds b = near.shape.bounds();
      GeoPoint p = new GeoPoint(b.south + random.nextDouble() * (b.north - b.south), b.west + random.nextDouble() * b.width);
      assertSameAsBruteForce(index, kept, p, SEED_CELLS);
    }
    for (Item item : kept) {
      index.remove(item, item.shape);
    }
    assertThat(index.isEmpty()).isTrue();
    assertThat(index.cellCount()).isZero();
  }

  private static final long SEED_CELLS = 31_415L;

  @Test
  void removeGoesByIdentityAndEqualShapes() {
    GeoIndex<Item> index = new GeoIndex<>();
    GeoShape box = GeoShape.box(10, 0, 0, 10);
    Item a = new Item(1, box);
    Item b = new Item(1, box);
    index.add(a, box);
    index.add(b, GeoShape.box(10.0, 0.0, 0.0, 10.0));
    GeoPoint inside = new GeoPoint(5, 5);
    assertThat(query(index, inside)).containsExactlyInAnyOrder(a, b);

    index.remove(new Item(1, box), box);
    index.remove(a, GeoShape.box(20, 0, 0, 10));
    assertThat(query(index, inside)).as("unknown items and other shapes are ignored").containsExactlyInAnyOrder(a, b);

    index.remove(a, GeoShape.box(10, 0, 0, 10));
    assertThat(query(index, inside)).containsExactly(b);
    assertThat(index.isEmpty()).isFalse();
    index.remove(b, box);
    assertThat(index.isEmpty()).isTrue();
    assertThat(query(index, inside)).isEmpty();
  }

  @Test
  void unreadablePointsFindNothing() {
    GeoIndex<Item> index = new GeoIndex<>();
    GeoShape all = GeoShape.box(90, -180, -90, 180);
    index.add(new Item(0, all), all);
    assertThat(query(index, null)).isEmpty();
    assertThat(query(index, new GeoPoint(Double.NaN, 0))).isEmpty();
    assertThat(query(index, new GeoPoint(95, 0))).isEmpty();
    assertThat(query(index, new GeoPoint(0, Double.NEGATIVE_INFINITY))).isEmpty();
    assertThat(query(index, new GeoPoint(0, 0))).hasSize(1);
  }

  @Test
  void itemsWithADirectIdAreReportedByItInEveryCellTheyAreFiledIn() {
    GeoIndex<Item> index = new GeoIndex<>();
    // Wide enough to be filed in several cells; the points below fall in different ones.
    GeoShape wide = GeoShape.box(20, -20, -20, 20);
    GeoShape small = GeoShape.box(1, 0, 0, 1);
    Item a = new Item(1, wide);
    Item b = new Item(2, small);
    index.add(a, wide, "a");
    index.add(b, small);
    GeoPoint[] points = {new GeoPoint(0.5, 0.5), new GeoPoint(-15, -15), new GeoPoint(15, 15)};
    assertThat(GeoIndex.keys(wide.bounds(), wide.level())).hasSizeGreaterThan(1);
    assertThat(reported(index, points[0])).containsExactlyInAnyOrder("direct a of 1", "item 2");
    assertThat(reported(index, points[1])).containsExactly("direct a of 1");
    index.setDirect(a, wide, null);
    index.setDirect(b, small, "b");
    assertThat(reported(index, points[0])).containsExactlyInAnyOrder("item 1", "direct b of 2");
    index.setDirect(a, GeoShape.box(20, -20, -20, 20), "a2"); // an equal shape finds the item
    for (GeoPoint p : points) {
      assertThat(reported(index, p)).contains("direct a2 of 1");
    }
    index.remove(b, small);
    assertThat(reported(index, points[0])).containsExactly("direct a2 of 1");
    assertThat(query(index, points[2])).containsExactly(a); // a consumer gets the items
  }

  private static List<String> reported(GeoIndex<Item> index, GeoPoint p) {
    List<String> out = new ArrayList<>();
    index.query(p, new GeoHits<Item>() {
      @Override
      public void item(Item item) {
        out.add("item " + item.id());
      }

      @Override
      public void direct(String id, Item item) {
        out.add("direct " + id + " of " + item.id());
      }
    });
    return out;
  }

  @Test
  void aQueryMayRunInsideAnotherQuerysCallback() {
    GeoIndex<Item> index = new GeoIndex<>();
    GeoShape left = GeoShape.box(10, 0, 0, 10);
    GeoShape right = GeoShape.circle(new GeoPoint(5, 50), 100_000);
    Item a = new Item(1, left);
    Item b = new Item(2, right);
    index.add(a, left);
    index.add(b, right);
    List<Item> outer = new ArrayList<>();
    List<Item> inner = new ArrayList<>();
    index.query(new GeoPoint(5, 5), item -> {
      outer.add(item);
      index.query(new GeoPoint(5, 50), inner::add);
    });
    assertThat(outer).containsExactly(a);
    assertThat(inner).containsExactly(b);
    assertThat(query(index, new GeoPoint(5, 5))).containsExactly(a);
  }

  @Test
  void shapesAreFiledAtTheLevelOfTheirSize() {
    assertThat(GeoIndex.levelFor(GeoShape.box(90, -180, -90, 180).bounds())).isZero();
    assertThat(GeoIndex.levelFor(GeoShape.box(1e-7, 0, 0, 1e-7).bounds())).isEqualTo(GeoIndex.MAX_LEVEL);
    Bounds tenDegrees = GeoShape.box(10, 0, 0, 10).bounds();
    int level = GeoIndex.levelFor(tenDegrees);
    assertThat(180.0 / (1 << level)).isGreaterThanOrEqualTo(10).isLessThan(20.000001);
    assertThat(GeoIndex.keys(tenDegrees, level)).hasSizeBetween(1, 4);
    Bounds acrossTheAntimeridian = GeoShape.box(1, 179, -1, -179).bounds();
    assertThat(GeoIndex.keys(acrossTheAntimeridian, GeoIndex.levelFor(acrossTheAntimeridian))).hasSizeBetween(2, 4);
  }

  /**
   * Readers query while a writer adds and removes: readers never throw, never see an item twice,
   * only see items whose shape holds the point, and always see the items present throughout.
   */
  @Test
  void readersSeeStableItemsWhileAWriterChurns() throws Exception {
    long seed = 777L;
    System.out.println("GeoIndexTest.readersSeeStableItemsWhileAWriterChurns seed " + seed);
    Random random = new Random(seed);
    RandomShapes shapes = new RandomShapes(random);
    GeoIndex<Item> index = new GeoIndex<>();
    List<Item> stable = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Item item = new Item(i, shapes.shape());
      index.add(item, item.shape);
      stable.add(item);
    }
    int pointCount = 1000;
    GeoPoint[] points = new GeoPoint[pointCount];
    List<Set<Item>> expected = new ArrayList<>();
    for (int i = 0; i < pointCount; i++) {
      points[i] = i % 2 == 0 ? shapes.point() : shapes.pointNear(stable.get(random.nextInt(stable.size())).shape);
      expected.add(bruteForce(stable, points[i]));
    }
    // Churn shapes: copies of the stable shapes (same cells) and new ones.
    List<GeoShape> churnShapes = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      churnShapes.add(i % 2 == 0 ? stable.get(random.nextInt(stable.size())).shape : shapes.shape());
    }

    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);
    int readers = 3;
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < readers; r++) {
      int offset = r;
      threads.add(new Thread(() -> {
        List<Item> hits = new ArrayList<>();
        Set<Item> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
          start.await();
          int queries = 0;
          for (int i = offset; writing.get() || queries < 20_000; i = (i + 7) % pointCount) {
            GeoPoint p = points[i];
            hits.clear();
            distinct.clear();
            index.query(p, hits::add);
            distinct.addAll(hits);
            if (distinct.size() != hits.size()) {
              throw new AssertionError("an item reported twice at " + p);
            }
            if (!distinct.containsAll(expected.get(i))) {
              throw new AssertionError("a stable item missed at " + p);
            }
            for (Item item : hits) {
              if (!ShortcutsTest.exact(item.shape, p)) {
                throw new AssertionError("item " + item.id + " reported at " + p + " outside its shape");
              }
            }
            queries++;
          }
        } catch (Throwable t) {
          failures.add(t);
        }
      }, "reader-" + r));
    }
    Thread writer = new Thread(() -> {
      try {
        start.await();
        Random w = new Random(seed + 1);
        List<Item> present = new ArrayList<>();
        int next = 1_000_000;
        for (int op = 0; op < 30_000; op++) {
          if (present.isEmpty() || (present.size() < 500 && w.nextInt(3) != 0)) {
            Item item = new Item(next++, churnShapes.get(w.nextInt(churnShapes.size())));
            index.add(item, item.shape);
            present.add(item);
          } else {
            Item item = present.remove(w.nextInt(present.size()));
            index.remove(item, item.shape);
          }
        }
        for (Item item : present) {
          index.remove(item, item.shape);
        }
      } catch (Throwable t) {
        failures.add(t);
      } finally {
        writing.set(false);
      }
    }, "writer");
    threads.add(writer);
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failures).as("seed %d", seed).isEmpty();
    assertThat(index.size()).isEqualTo(stable.size());
    for (int i = 0; i < pointCount; i++) {
      assertSameAsBruteForce(index, stable, points[i], seed);
    }
  }

  @Test
  void manyItemsInOneCellSurviveGrowthAndShrinking() {
    GeoIndex<Item> index = new GeoIndex<>();
    GeoShape box = GeoShape.box(10, 0, 0, 10);
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Item item = new Item(i, box);
      index.add(item, box);
      items.add(item);
    }
    assertThat(new HashSet<>(query(index, new GeoPoint(5, 5)))).hasSize(1000);
    Collections.shuffle(items, new Random(5));
    for (int i = 0; i < 990; i++) {
      index.remove(items.get(i), box);
    }
    assertThat(query(index, new GeoPoint(5, 5))).containsExactlyInAnyOrderElementsOf(items.subList(990, 1000));
  }
}
