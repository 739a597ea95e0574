package dev.herald.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Matching runs from many threads while others register and remove filters that share conditions
 * and conjunctions with the stable ones: stable filters are always matched exactly, a churning filter
 * is seen or not, and nothing else ever appears.
 */
class FilterEngineConcurrencyTest {
  @Test
  void matchingIsConsistentUnderConcurrentRegistrationAndRemoval() throws Exception {
    FilterEngine engine = FilterEngine.create();
    // Stable filters: registered before, never removed.
    String stableEq = engine.register("i", "{\"equals\":{\"color\":\"red\"}}");
    String stableAnd = engine.register("i", "{\"and\":[{\"equals\":{\"color\":\"red\"}},{\"exists\":\"size\"}]}");
    String stableNot = engine.register("i", "{\"not\":{\"equals\":{\"color\":\"blue\"}}}");
    String stableOr = engine.register("i", "{\"or\":[{\"equals\":{\"size\":3}},{\"missing\":\"color\"}]}");

    // Churning filters share those conditions; their ids may or may not appear while they churn.
    List<String> churnFilters = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      churnFilters.add("{\"and\":[{\"equals\":{\"color\":\"red\"}},{\"not\":{\"equals\":{\"n\":" + i + "}}}]}");
      churnFilters.add("{\"or\":[{\"equals\":{\"color\":\"red\"}},{\"equals\":{\"n\":" + i + "}}]}");
    }
    // Which churning filters each document may show: what a quiet engine holding them all says.
    FilterEngine quiet = FilterEngine.create();
    for (String f : churnFilters) {
      quiet.register("i", f);
    }
    String neverRegistered = engine.parse("{\"equals\":{\"color\":\"green\"}}").id();

    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    CountDownLatch started = new CountDownLatch(6);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int seed = w;
      futures.add(pool.submit(() -> {
        Random r = new Random(seed);
        started.countDown();
        while (!stop.get()) {
          String f = churnFilters.get(r.nextInt(churnFilters.size()));
          String id = engine.register("i", f);
          Thread.yield();
          engine.remove("i", id);
        }
      }));
    }
    Document red = Document.parse("{\"color\":\"red\",\"size\":3,\"n\":7}");
    Document blue = Document.parse("{\"color\":\"blue\"}");
    Document none = Document.parse("{\"size\":1}");
    Set<String> churnRed = Set.copyOf(quiet.match("i", red));
    Set<String> churnBlue = Set.copyOf(quiet.match("i", blue));
    Set<String> churnNone = Set.copyOf(quiet.match("i", none));
    assertThat(churnRed).hasSize(79);
    for (int reader = 0; reader < 4; reader++) {
      futures.add(pool.submit(() -> {
        started.countDown();
        long rounds = 0;
        while (!stop.get() || rounds < 1000) {
          rounds++;
          check(engine.match("i", red), Set.of(stableEq, stableAnd, stableNot, stableOr), churnRed, problems);
          check(engine.match("i", blue), Set.of(), churnBlue, problems);
          check(engine.match("i", none), Set.of(stableNot, stableOr), churnNone, problems);
        }
      }));
    }
    started.await();
    Thread.sleep(1500);
    stop.set(true);
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(problems).isEmpty();
    assertThat(engine.contains("i", neverRegistered)).isFalse();
    for (String id : List.of(stableEq, stableAnd, stableNot, stableOr)) {
      engine.remove("i", id);
    }
    assertThat(engine.stats()).isEqualTo(new FilterEngineStats(0, 0, 0, 0, 0));
  }

  /**
   * A filter whose negation is on a path no other filter uses comes and goes while documents holding
   * that path are matched: its path appears in the engine after a match may have walked the document,
   * and the match must still never report it (in no state of the engine does it match).
   */
  @Test
  void aNegationOnANewPathNeverMatchesADocumentHoldingIt() throws Exception {
    FilterEngine engine = FilterEngine.create();
    String stable = engine.register("i", "{\"equals\":{\"color\":\"red\"}}");
    String churn = engine.parse("{\"and\":[{\"equals\":{\"color\":\"red\"}},{\"not\":{\"equals\":{\"n\":7}}}]}").id();
    Document doc = Document.parse("{\"color\":\"red\",\"n\":7,\"a\":1,\"b\":2,\"c\":{\"d\":3,\"e\":[1,2]}}");
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<?> writer = pool.submit(() -> {
        while (!stop.get()) {
          engine.register("i", "{\"and\":[{\"equals\":{\"color\":\"red\"}},{\"not\":{\"equals\":{\"n\":7}}}]}");
          engine.remove("i", churn);
        }
      });
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> {
          long rounds = 0;
          while (!stop.get() || rounds < 10_000) {
            rounds++;
            List<String> got = engine.match("i", doc);
            if (!got.equals(List.of(stable))) {
              problems.add("expected only the stable filter, got " + got);
            }
          }
        }));
      }
      Thread.sleep(1000);
      stop.set(true);
      writer.get(60, TimeUnit.SECONDS);
      for (Future<?> f : readers) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
    assertThat(problems).isEmpty();
  }

  private static void check(List<String> got, Set<String> stable, Set<String> allowedChurn,
      ConcurrentLinkedQueue<String> problems) {
    Set<String> seen = new HashSet<>(got);
    if (seen.size() != got.size()) {
      problems.add("duplicate ids: " + got);
    }
    if (!seen.containsAll(stable)) {
      problems.add("missing stable filters: expected " + stable + " in " + got);
    }
    for (String id : seen) {
      if (!stable.contains(id) && !allowedChurn.contains(id)) {
        problems.add("unexpected id " + id);
      }
    }
  }
}
