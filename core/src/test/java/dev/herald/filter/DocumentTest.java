package dev.herald.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A parsed document's content is a map: looked up by key, it says what iterating it says. */
class DocumentTest {
  private static String object(int size, int round) {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(round * 100 + i);
    }
    return json.append('}').toString();
  }

  @Test
  void lookupsByKeyAgreeWithIterationAtEverySize() {
    for (int size = 0; size <= 20; size++) {
      Map<String, ?> content = Document.parse(object(size, 1)).content();
      assertThat(content).hasSize(size);
      for (Map.Entry<String, ?> e : content.entrySet()) {
        assertThat(content.get(e.getKey())).isEqualTo(e.getValue());
        assertThat(content.containsKey(e.getKey())).isTrue();
      }
      assertThat(content.get("k" + size)).isNull();
      assertThat(content.containsKey("absent")).isFalse();
    }
    assertThat(Document.parse("{\"a\":1,\"a\":2}").content()).containsExactly(Map.entry("a", 2L));
  }

  /** The first lookup in a large object builds a table of positions; racing threads must all see it whole. */
  @Test
  void threadsLookingUpKeysOfOneLargeDocumentAtOnceAllFindThem() throws Exception {
    int threads = 4;
    CyclicBarrier barrier = new CyclicBarrier(threads);
    List<Document> documents = new ArrayList<>();
    for (int round = 0; round < 2000; round++) {
      documents.add(Document.parse(object(32, round)));
    }
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        futures.add(pool.submit(() -> {
          for (int round = 0; round < documents.size(); round++) {
            Map<String, ?> content = documents.get(round).content();
            barrier.await(10, TimeUnit.SECONDS);
            for (int k = 0; k < 32; k++) {
              int i = (first * 8 + k) % 32;
              Object v = content.get("k" + i);
              if (!Long.valueOf(round * 100L + i).equals(v)) {
                problems.add("round " + round + ", k" + i + ": " + v);
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(problems).isEmpty();
  }
}
