package dev.herald.internal.regex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongKeyTableTest {
  private static final Object VACANT = new Object();

  @Test
  void behavesLikeAMapUnderRandomOperations() {
    LongKeyTable<String> table = new LongKeyTable<>(VACANT);
    Map<Long, String> model = new HashMap<>();
    Random random = new Random(3);
    for (int op = 0; op < 200_000; op++) {
      // Small key space with extremes, so keys are re-added after removal and slots are reused.
      long key = switch (random.nextInt(4)) {
        case 0 -> 0L;
        case 1 -> Long.MIN_VALUE + random.nextInt(3);
        default -> random.nextInt(3000) * 0x1_0001L;
      };
      if (random.nextInt(3) == 0) {
        table.remove(key);
        model.remove(key);
      } else {
        String v = "v" + op;
        table.put(key, v);
        model.put(key, v);
      }
      if (op % 997 == 0) {
        assertThat(table.size()).isEqualTo(model.size());
        Map<Long, String> seen = new HashMap<>();
        table.forEach(seen::put);
        assertThat(seen).isEqualTo(model);
      }
      assertThat(table.get(key)).isEqualTo(model.get(key));
    }
    for (Map.Entry<Long, String> e : model.entrySet()) {
      assertThat(table.get(e.getKey())).isEqualTo(e.getValue());
    }
  }

  @Test
  void emptiesAndRefillsAfterEverythingIsRemoved() {
    LongKeyTable<String> table = new LongKeyTable<>(VACANT);
    for (int round = 0; round < 3; round++) {
      for (long k = 0; k < 10_000; k++) {
        table.put(k * 31, "x" + k);
      }
      assertThat(table.size()).isEqualTo(10_000);
      for (long k = 0; k < 10_000; k++) {
        table.remove(k * 31);
      }
      assertThat(table.size()).isZero();
      assertThat(table.get(31)).isNull();
    }
  }
}
