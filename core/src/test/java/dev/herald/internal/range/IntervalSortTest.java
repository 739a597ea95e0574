package dev.herald.internal.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntervalSortTest {
  @Test
  void sortsByKeyThenPayloadWithManyDuplicates() {
    Random r = new Random(TestSeeds.seed("IntervalSortTest", 11));
    for (int round = 0; round < 200; round++) {
      int n = r.nextInt(round < 100 ? 40 : 3000);
      int from = r.nextInt(5);
      int to = from + n;
      double[] keys = new double[to + 3];
      long[] payloads = new long[to + 3];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = r.nextBoolean() ? r.nextInt(7) : r.nextGaussian();
        if (r.nextInt(50) == 0) {
          keys[i] = r.nextBoolean() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        payloads[i] = r.nextInt(4) - 2L;
      }
      double[] keysBefore = keys.clone();
      long[] payloadsBefore = payloads.clone();
      Integer[] expected = new Integer[n];
      for (int i = 0; i < n; i++) {
        expected[i] = from + i;
      }
      Arrays.sort(expected, Comparator.<Integer>comparingDouble(i -> keysBefore[i])
          .thenComparingLong(i -> payloadsBefore[i]));

      IntervalSort.sort(keys, payloads, from, to, new double[to], new long[to]);

      for (int i = 0; i < n; i++) {
        assertThat(keys[from + i]).as("round %d key %d", round, i).isEqualTo(keysBefore[expected[i]]);
        assertThat(payloads[from + i]).as("round %d payload %d", round, i)
            .isEqualTo(payloadsBefore[expected[i]]);
      }
      for (int i = 0; i < from; i++) {
        assertThat(keys[i]).isEqualTo(keysBefore[i]);
      }
      for (int i = to; i < keys.length; i++) {
        assertThat(keys[i]).isEqualTo(keysBefore[i]);
      }
    }
  }
}
