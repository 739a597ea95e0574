package dev.herald.internal.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LongTableTest {

  @Test
  void behavesLikeAMapThroughGrowthRemovalAndPurges() {
    long seed = 99L;
    Random random = new Random(seed);
    LongTable<String> table = new LongTable<>();
    Map<Long, String> reference = new HashMap<>();
    for (int op = 0; op < 200_000; op++) {
      // A small key space makes keys come back after removal; a large one makes the table grow.
      long key = op < 100_000 ? 1 + random.nextInt(5_000) : random.nextLong() | 1;
      switch (random.nextInt(3)) {
        case 0:
        case 1:
          String value = "v" + op;
          table.put(key, value);
          reference.put(key, value);
          break;
        default:
          table.remove(key);
          reference.remove(key);
      }
      if (op % 1000 == 0) {
        assertThat(table.size()).as("seed %d, op %d", seed, op).isEqualTo(reference.size());
      }
    }
    for (Map.Entry<Long, String> e : reference.entrySet()) {
      assertThat(table.get(e.getKey())).isEqualTo(e.getValue());
    }
    for (long key = 1; key <= 5_000; key++) {
      assertThat(table.get(key)).as("key %d", key).isEqualTo(reference.get(key));
    }
    for (Long key : new ArrayList<>(reference.keySet())) {
      table.remove(key);
    }
    assertThat(table.size()).isZero();
    assertThat(table.capacity()).as("removed keys are purged").isLessThanOrEqualTo(64);
  }

  @Test
  void rejectsTheReservedKeyAndNullValues() {
    LongTable<String> table = new LongTable<>();
    assertThatThrownBy(() -> table.put(0, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> table.put(1, null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(table.get(0)).isNull();
    table.remove(12345); // unknown keys are ignored
    assertThat(table.size()).isZero();
  }

  /** Readers always find the keys that stay, while the writer grows, purges and reuses the table. */
  @Test
  void readersFindStableKeysWhileTheWriterChurns() throws Exception {
    LongTable<Long> table = new LongTable<>();
    int stable = 1000;
    for (long k = 1; k <= stable; k++) {
      table.put(k * 7919, k);
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      threads.add(new Thread(() -> {
        try {
          int rounds = 0;
          while (writing.get() || rounds < 50) {
            for (long k = 1; k <= stable; k++) {
              Long v = table.get(k * 7919);
              if (v == null || v != k) {
                throw new AssertionError("stable key " + k + " read as " + v);
              }
            }
            rounds++;
          }
        } catch (Throwable t) {
          failures.add(t);
        }
      }));
    }
    threads.add(new Thread(() -> {
      try {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
          List<Long> keys = new ArrayList<>();
          for (int i = 0; i < 2000; i++) {
            long key = (random.nextLong() & Long.MAX_VALUE) | (1L << 61); // never a stable key
            keys.add(key);
            table.put(key, -1L);
          }
          for (long key : keys) {
            table.remove(key);
          }
        }
      } catch (Throwable t) {
        failures.add(t);
      } finally {
        writing.set(false);
      }
    }));
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failures).isEmpty();
    assertThat(table.size()).isEqualTo(stable);
  }
}
