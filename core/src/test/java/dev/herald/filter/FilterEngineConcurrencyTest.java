package dev.herald.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

  /**
   * One writer toggles filters that share one conjunction (equality and existence) or one index key
   * (conditions that are whole filters, held there by their filter's id, and filters that share those
   * conditions and so flip them out of that form and back), following a sequence fixed in advance;
   * readers match meanwhile. Every answer must be exactly the answer of one state of the engine between
   * the last write finished before the match began and the last write begun before it ended.
   */
  @Test
  void everyAnswerIsThatOfAStateBetweenTwoWrites() throws Exception {
    List<String> pool = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      pool.add("{\"or\":[{\"equals\":{\"topic\":\"hot\"}},{\"equals\":{\"city\":\"c" + i + "\"}}]}");
    }
    for (int i = 0; i < 30; i++) {
      pool.add("{\"or\":[{\"exists\":\"grp.g\"},{\"exists\":\"ext.e" + i + "\"}]}");
    }
    for (int i = 0; i < 40; i++) {
      pool.add("{\"in\":{\"tag\":[\"x\",\"y" + i + "\"]}}");
    }
    for (int i = 0; i < 10; i++) {
      pool.add("{\"or\":[{\"in\":{\"tag\":[\"x\",\"y" + i + "\"]}},{\"equals\":{\"foo\":" + i + "}}]}");
      pool.add("{\"or\":[{\"equals\":{\"topic\":\"cold\"}},{\"equals\":{\"city\":\"m" + i + "\"}}]}");
    }
    pool.add("{\"exists\":\"grp.g\"}");
    List<Document> documents = List.of(
        Document.parse("{\"topic\":\"hot\",\"tag\":\"x\",\"grp\":{\"g\":true},\"foo\":0}"),
        Document.parse("{\"topic\":\"cold\",\"tag\":\"y3\",\"city\":\"c5\",\"foo\":3}"),
        Document.parse("{\"tag\":\"x\",\"ext\":{\"e4\":1},\"city\":\"m2\"}"));

    // 60 hot + 30 grp.g + 40 x + 10 sharing x + exists grp.g; 10 cold + y3 twice + c5; 50 x + e4 + m2.
    checkEveryAnswerIsThatOfAStateBetweenTwoWrites(pool, documents, 141, 13, 52);
  }

  /**
   * As above, with a pool of filters that are each one equality, {@code in} or existence, which an
   * index holding only such filters matches in one pass, and others that are not (a conjunction, a
   * negation, ranges, one of them shared by a conjunction): as they come and go the index switches
   * between the one-pass and the two-pass match, and range conditions between being whole filters
   * and not, while readers match.
   */
  @Test
  void answersStayThoseOfAStateWhileTheIndexSwitchesBetweenOneAndTwoPasses() throws Exception {
    List<String> pool = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      pool.add("{\"equals\":{\"city\":\"c" + i + "\"}}");
    }
    for (int i = 0; i < 20; i++) {
      pool.add("{\"in\":{\"tag\":[\"x\",\"y" + i + "\"]}}");
    }
    for (int i = 0; i < 10; i++) {
      pool.add("{\"exists\":\"ext.e" + i + "\"}");
    }
    pool.add("{\"exists\":\"grp.g\"}");
    pool.add("{\"and\":[{\"equals\":{\"tag\":\"x\"}},{\"exists\":\"grp.g\"}]}");
    pool.add("{\"not\":{\"equals\":{\"city\":\"c5\"}}}");
    pool.add("{\"range\":{\"foo\":{\"gte\":1}}}");
    for (int i = 0; i < 80; i++) { // enough to fill the range index's static levels
      pool.add("{\"range\":{\"foo\":{\"gte\":" + i + ",\"lte\":" + (i + 10) + "}}}");
    }
    pool.add("{\"and\":[{\"range\":{\"foo\":{\"gte\":2,\"lte\":12}}},{\"exists\":\"ext.e4\"}]}");
    List<Document> documents = List.of(
        Document.parse("{\"topic\":\"hot\",\"tag\":\"x\",\"grp\":{\"g\":true},\"foo\":0,\"city\":\"c5\"}"),
        Document.parse("{\"tag\":\"y3\",\"city\":\"c7\",\"foo\":3,\"ext\":{\"e4\":1}}"),
        Document.parse("{\"tag\":\"x\",\"ext\":{\"e4\":1},\"city\":\"m2\"}"));
    // c5 + 20 x + grp.g + the conjunction + the range from 0; c7 + y3 + e4 + the negation + the
    // range from 1 + the four from 0 to 3 + the conjunction sharing one; 20 x + e4 + the negation.
    checkEveryAnswerIsThatOfAStateBetweenTwoWrites(pool, documents, 24, 10, 22);
  }

  /**
   * One writer registers and removes filters of {@code pool} at random while two readers match
   * {@code documents}; each answer must be the answer of a state between the last write finished
   * before the match and the last begun after it. {@code matchCounts}: how many filters of the pool
   * each document matches.
   */
  private static void checkEveryAnswerIsThatOfAStateBetweenTwoWrites(List<String> pool, List<Document> documents,
      Integer... matchCounts) throws Exception {
    FilterEngine engine = FilterEngine.create();
    Map<String, Integer> indexOf = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (String json : pool) {
      String id = engine.parse(json).id();
      indexOf.put(id, ids.size());
      ids.add(id);
    }
    // Which filters of the pool each document matches: what a quiet engine holding them all says.
    FilterEngine quiet = FilterEngine.create();
    pool.forEach(json -> quiet.register("i", json));
    List<BitSet> matching = new ArrayList<>();
    for (Document d : documents) {
      BitSet m = new BitSet();
      quiet.match("i", d).forEach(id -> m.set(indexOf.get(id)));
      matching.add(m);
    }
    assertThat(matching).extracting(BitSet::cardinality).containsExactly(matchCounts);

    // The writes, and the answer of every state: state k is the one after k writes.
    int writes = 10_000;
    Random r = new Random(11);
    BitSet registered = new BitSet();
    for (int i = 0; i < pool.size(); i++) {
      if (r.nextBoolean()) {
        registered.set(i);
        engine.register("i", pool.get(i));
      }
    }
    int[] toggles = new int[writes];
    BitSet[][] answers = new BitSet[documents.size()][writes + 1];
    for (int k = 0; k <= writes; k++) {
      for (int d = 0; d < documents.size(); d++) {
        answers[d][k] = (BitSet) registered.clone();
        answers[d][k].and(matching.get(d));
      }
      if (k < writes) {
        toggles[k] = r.nextInt(pool.size());
        registered.flip(toggles[k]);
      }
    }

    AtomicInteger begun = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      CountDownLatch started = new CountDownLatch(3);
      Future<?> writer = threads.submit(() -> {
        started.countDown();
        await(started);
        try {
          for (int k = 0; k < writes; k++) {
            int i = toggles[k];
            begun.set(k + 1);
            if (!engine.remove("i", ids.get(i))) {
              engine.register("i", pool.get(i));
            }
            finished.set(k + 1);
            if ((k & 15) == 0) {
              Thread.yield();
            }
          }
        } finally {
          done.set(true);
        }
      });
      List<Future<Long>> readers = new ArrayList<>();
      for (int reader = 0; reader < 2; reader++) {
        int first = reader;
        readers.add(threads.submit(() -> {
          started.countDown();
          await(started);
          long checks = 0;
          for (int d = first; !done.get(); d = (d + 1) % documents.size()) {
            int lo = finished.get();
            List<String> got = engine.match("i", documents.get(d));
            int hi = begun.get();
            checks++;
            BitSet seen = new BitSet();
            for (String id : got) {
              Integer i = indexOf.get(id);
              if (i == null || seen.get(i)) {
                problems.add("unknown or repeated id " + id + " in " + got);
              } else {
                seen.set(i);
              }
            }
            boolean ok = false;
            for (int k = lo; k <= hi && !ok; k++) {
              ok = answers[d][k].equals(seen);
            }
            if (!ok && problems.size() < 20) {
              problems.add("document " + d + " between writes " + lo + " and " + hi + ": got " + seen
                  + ", expected " + answers[d][lo] + (hi > lo ? " ... " + answers[d][hi] : ""));
            }
          }
          return checks;
        }));
      }
      writer.get(60, TimeUnit.SECONDS);
      long checks = 0;
      for (Future<Long> f : readers) {
        checks += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(problems).isEmpty();
      assertThat(checks).as("answers checked").isPositive();
    } finally {
      threads.shutdownNow();
    }
    // The engine ends in the last state.
    for (int d = 0; d < documents.size(); d++) {
      BitSet last = new BitSet();
      engine.match("i", documents.get(d)).forEach(id -> last.set(indexOf.get(id)));
      assertThat(last).isEqualTo(answers[d][writes]);
    }
  }

  /**
   * Each round an index is created by one registration and dropped by its removal, while another
   * thread matches in between: every match must see the round's filter, never the partition of an
   * earlier round that the reading thread used last (it remembers it to skip the lookup).
   */
  @Test
  void aMatchAfterAnIndexIsDroppedAndRecreatedSeesTheNewIndex() throws Exception {
    FilterEngine engine = FilterEngine.create();
    SynchronousQueue<String> registered = new SynchronousQueue<>();
    SynchronousQueue<Boolean> matched = new SynchronousQueue<>();
    int rounds = 500;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> writer = pool.submit(() -> {
        for (int r = 0; r < rounds; r++) {
          String id = engine.register("i", "{\"equals\":{\"n\":" + r + "}}");
          registered.put(id);
          matched.take();
          assertThat(engine.remove("i", id)).isTrue();
          assertThat(engine.indexes()).isEmpty();
        }
        return null;
      });
      Future<?> reader = pool.submit(() -> {
        for (int r = 0; r < rounds; r++) {
          String id = registered.take();
          Document doc = Document.parse("{\"n\":" + r + "}");
          // The same name, as one constant or as a string built anew each time.
          String index = r % 2 == 0 ? "i" : new String(new char[] {'i'});
          assertThat(engine.match(index, doc)).containsExactly(id);
          assertThat(engine.countMatches(index, doc)).isEqualTo(1);
          List<String> seen = new ArrayList<>();
          engine.forEachMatch(index, doc, seen::add);
          assertThat(seen).containsExactly(id);
          assertThat(engine.match(index, Document.parse("{\"n\":" + (r + 1) + "}"))).isEmpty();
          matched.put(true);
        }
        return null;
      });
      reader.get(60, TimeUnit.SECONDS);
      writer.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Threads that each keep to one index, one that goes from index to index at every document, and a
   * writer that keeps dropping and recreating one more index: each match answers from the index it
   * names, never from the one the engine or the thread looked up last.
   */
  @Test
  void threadsMatchingDifferentIndexesEachGetTheirOwnIndexsAnswers() throws Exception {
    FilterEngine engine = FilterEngine.create();
    int indexes = 4;
    int perIndex = 10;
    String[][] ids = new String[indexes][perIndex];
    for (int i = 0; i < indexes; i++) {
      for (int v = 0; v < perIndex; v++) {
        ids[i][v] = engine.register("i" + i, "{\"equals\":{\"n\":" + (i * perIndex + v) + "}}");
      }
    }
    int churned = indexes - 1; // dropped and recreated by the writer
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int keep = t; // t < churned: keeps to index t; t == churned: a new index every document
        readers.add(pool.submit(() -> {
          Random random = new Random(keep);
          for (int k = 0; k < 20_000; k++) {
            int index = keep < churned ? keep : k % indexes;
            int n = random.nextInt(indexes * perIndex);
            Map<String, Object> fields = new HashMap<>();
            fields.put("n", n);
            List<String> got = k % 2 == 0 ? engine.match("i" + index, fields)
                : engine.match("i" + index, Document.parse("{\"n\":" + n + "}"));
            boolean own = n / perIndex == index;
            String want = ids[n / perIndex][n % perIndex];
            boolean right = own ? got.equals(List.of(want)) || index == churned && got.isEmpty() : got.isEmpty();
            if (!right) {
              problems.add("index i" + index + ", n = " + n + ": " + got);
            }
          }
          return null;
        }));
      }
      Future<?> writer = pool.submit(() -> {
        while (!stop.get()) {
          for (String id : ids[churned]) {
            engine.remove("i" + churned, id);
          }
          for (int v = 0; v < perIndex; v++) {
            engine.register("i" + churned, "{\"equals\":{\"n\":" + (churned * perIndex + v) + "}}");
          }
        }
        return null;
      });
      for (Future<?> reader : readers) {
        reader.get(60, TimeUnit.SECONDS);
      }
      stop.set(true);
      writer.get(60, TimeUnit.SECONDS);
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
    assertThat(problems).isEmpty();
  }

  /**
   * More threads than the engine has scratch slots (ids that share a slot are certain) match at
   * once, some of them matching again from inside a match: each gets exactly its own answers.
   */
  @Test
  void threadsThatShareAScratchSlotEachKeepTheirOwnScratch() throws Exception {
    FilterEngine engine = FilterEngine.create();
    List<Document> documents = new ArrayList<>();
    Map<Document, Set<String>> expected = new HashMap<>();
    for (int i = 0; i < 20; i++) {
      engine.register("i", "{\"equals\":{\"n\":" + i + "}}");
      engine.register("i", "{\"range\":{\"n\":{\"gte\":" + i + ",\"lt\":" + (i + 3) + "}}}");
      engine.register("i", "{\"and\":[{\"exists\":\"tag\"},{\"equals\":{\"n\":" + i + "}}]}");
    }
    for (int i = 0; i < 22; i++) {
      documents.add(Document.parse("{\"n\":" + i + (i % 3 == 0 ? ",\"tag\":true" : "") + "}"));
    }
    for (Document d : documents) {
      expected.put(d, Set.copyOf(engine.match("i", d)));
    }
    int threads = 300;
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int seed = t;
      Thread thread = new Thread(() -> {
        await(start);
        Random r = new Random(seed);
        for (int k = 0; k < 200; k++) {
          Document d = documents.get(r.nextInt(documents.size()));
          List<String> got = engine.match("i", d);
          if (got.size() != expected.get(d).size() || !expected.get(d).containsAll(got)) {
            problems.add(d + ": " + got + " instead of " + expected.get(d));
          }
          if (k % 10 == 0) {
            Document inner = documents.get(r.nextInt(documents.size()));
            List<String> outer = new ArrayList<>();
            engine.forEachMatch("i", d, id -> {
              outer.add(id);
              Set<String> nested = Set.copyOf(engine.match("i", inner));
              if (!nested.equals(expected.get(inner))) {
                problems.add("nested " + inner + ": " + nested + " instead of " + expected.get(inner));
              }
            });
            if (!Set.copyOf(outer).equals(expected.get(d)) || outer.size() != expected.get(d).size()) {
              problems.add("outer " + d + ": " + outer + " instead of " + expected.get(d));
            }
          }
        }
      });
      thread.start();
      started.add(thread);
    }
    start.countDown();
    for (Thread thread : started) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(thread.isAlive()).isFalse();
    }
    assertThat(problems).isEmpty();
    assertThat(expected.values()).allSatisfy(ids -> assertThat(ids).isNotEmpty());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
