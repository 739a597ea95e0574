package dev.herald.internal.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One writer adds and removes intervals (through tail appends, carries, marks and rebuilds) while
 * readers stab; readers never throw, and each stab is checked against what the writer had done.
 *
 * <p>A shared atomic clock orders events: the writer ticks it around each add and removal and
 * records the ticks on the item; a reader reads it ({@code before}) just before a stab and ticks it
 * ({@code after}) just after, which makes both orders happens-before edges. Just before the stab, the
 * reader also copies the set of items whose add has finished (the writer takes an item out of that
 * set before its removal begins). Every copied item whose removal had not begun by {@code after} was
 * present for the whole stab and must be reported; an item whose removal finished by {@code before}
 * must not be; and nothing else may appear but items whose add had begun, containing x, each once.
 */
class RangeIndexConcurrencyTest {
  private static final int READERS = 3;

  /** How the writer churns. */
  enum Scenario {
    /** Thousands of intervals of all kinds: carries into deep levels, marks and rebuilds. */
    LEVELS(30_000, 3_000, 600),
    /** A few dozen wide intervals that all contain the probes: tail appends and tail removals. */
    TAIL(200_000, 100, 0);

    final int items;
    final int maxPresent;
    final int stable;

    Scenario(int items, int maxPresent, int stable) {
      this.items = items;
      this.maxPresent = maxPresent;
      this.stable = stable;
    }
  }

  private static final class Item {
    final int id;
    final double lo;
    final double hi;
    volatile long addBegun;
    volatile long addDone;
    /** Set before the removal's tick, so a reader seeing it unset knows the tick came later. */
    volatile boolean removing;
    volatile long removeBegun;
    volatile long removeDone;

    Item(int id, double lo, double hi) {
      this.id = id;
      this.lo = lo;
      this.hi = hi;
    }

    @Override
    public String toString() {
      return "#" + id + "[" + lo + ", " + hi + "] add " + addBegun + ".." + addDone + " remove "
          + removeBegun + ".." + removeDone;
    }
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void readersSeeEveryItemPresentThroughoutAndNothingUnexpected(Scenario scenario) throws Exception {
    long seed = TestSeeds.seed("RangeIndexConcurrencyTest " + scenario, 424242 + scenario.ordinal());
    Random setup = new Random(seed);
    Item[] items = new Item[scenario.items];
    for (int i = 0; i < items.length; i++) {
      items[i] = scenario == Scenario.TAIL ? wide(i, setup) : mixed(i, setup);
    }
    RangeIndex<Item> index = new RangeIndex<>();
    AtomicLong clock = new AtomicLong();
    Set<Item> added = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < scenario.stable; i++) {
      add(index, clock, items[i], added);
    }

    AtomicBoolean writerDone = new AtomicBoolean();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicLong stabs = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
    CountDownLatch started = new CountDownLatch(READERS + 1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      futures.add(pool.submit(() -> {
        Random r = new Random(seed + 1);
        started.countDown();
        awaitQuietly(started);
        try {
          List<Item> present = new ArrayList<>();
          int next = scenario.stable;
          while (next < items.length || !present.isEmpty()) {
            boolean grow = next < items.length
                && (present.isEmpty() || (present.size() < scenario.maxPresent && r.nextInt(100) < 60));
            if (grow) {
              Item item = items[next++];
              add(index, clock, item, added);
              present.add(item);
            } else {
              // Often the latest item, which is likely still in the tail.
              int i = r.nextBoolean() ? present.size() - 1 : r.nextInt(present.size());
              Item item = present.get(i);
              present.set(i, present.get(present.size() - 1));
              present.remove(present.size() - 1);
              added.remove(item);
              item.removing = true;
              item.removeBegun = clock.incrementAndGet();
              index.remove(item, item.lo, item.hi);
              item.removeDone = clock.incrementAndGet();
            }
            if (r.nextInt(64) == 0) {
              Thread.yield();
            }
            if (r.nextInt(200) == 0) {
              index.compact(); // as the engine's upkeep does, under the writers' serialization
            }
          }
        } finally {
          writerDone.set(true);
        }
      }));
      for (int t = 0; t < READERS; t++) {
        long readerSeed = seed + 2 + t;
        futures.add(pool.submit(() -> {
          Random r = new Random(readerSeed);
          int[] marks = new int[items.length];
          int stamp = 0;
          List<Item> hits = new ArrayList<>();
          List<Item> expected = new ArrayList<>();
          started.countDown();
          awaitQuietly(started);
          // Keep reading a little after the writer stops, so the final state is checked too.
          for (int extra = 0; extra < 50 && problems.size() < 20; extra += writerDone.get() ? 1 : 0) {
            double x = r.nextInt(10) == 0 ? r.nextGaussian() * 1e6 : r.nextInt(1200) / 2.0 - 50;
            hits.clear();
            expected.clear();
            long before = clock.get();
            for (Item item : added) {
              if (item.lo <= x && x <= item.hi) {
                expected.add(item);
              }
            }
            index.stab(x, hit -> {
              hits.add(hit);
              if (hits.size() % 4 == 0) {
                Thread.yield(); // stretches the stab so that writes land in the middle of it
              }
            });
            long after = clock.incrementAndGet();
            stamp++;
            for (Item hit : hits) {
              if (marks[hit.id] == stamp) {
                problems.add("reported twice at " + x + ": " + hit);
              }
              marks[hit.id] = stamp;
              if (hit.addBegun == 0 || !(hit.lo <= x && x <= hit.hi)) {
                problems.add("reported but never added or not containing " + x + ": " + hit);
              }
              long removed = hit.removeDone;
              if (removed != 0 && removed <= before) {
                problems.add("reported after its removal at " + x + " (stab from " + before + "): " + hit);
              }
            }
            for (Item item : expected) {
              boolean stayed = !item.removing || item.removeBegun > after;
              if (marks[item.id] != stamp && stayed) {
                problems.add("missed at " + x + " (stab " + before + ".." + after + "): " + item);
              }
            }
            stabs.incrementAndGet();
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES); // rethrows anything a reader or the writer threw
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(problems).isEmpty();
    assertThat(stabs.get()).isGreaterThanOrEqualTo(READERS * 50L);
    assertThat(index.size()).isEqualTo(scenario.stable);
  }

  private static Item mixed(int id, Random r) {
    double lo = r.nextInt(8) == 0 ? Double.NEGATIVE_INFINITY : r.nextInt(1000) / 2.0;
    double hi = r.nextInt(8) == 0 ? Double.POSITIVE_INFINITY : Math.max(lo, 0) + r.nextInt(60) / 2.0;
    return new Item(id, lo, hi);
  }

  private static Item wide(int id, Random r) {
    return new Item(id, -100 - r.nextInt(50), 600 + r.nextInt(50));
  }

  private static void add(RangeIndex<Item> index, AtomicLong clock, Item item, Set<Item> added) {
    item.addBegun = clock.incrementAndGet();
    index.add(item, item.lo, item.hi);
    item.addDone = clock.incrementAndGet();
    added.add(item);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
