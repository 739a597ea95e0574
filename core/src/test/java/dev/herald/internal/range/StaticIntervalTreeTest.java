package dev.herald.internal.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StaticIntervalTreeTest {
  private record Iv(int id, double lo, double hi) {}

  @Test
  void stabsFindsKillsAndCopiesLikeAList() {
    Random r = new Random(TestSeeds.seed("StaticIntervalTreeTest", 7));
    for (int round = 0; round < 60; round++) {
      int n = 1 + r.nextInt(round < 30 ? 30 : 2000);
      Object[] items = new Object[n];
      double[] lo = new double[n];
      double[] hi = new double[n];
      for (int i = 0; i < n; i++) {
        double a = r.nextInt(4) == 0 ? r.nextInt(10) : r.nextDouble() * 100;
        double b = switch (r.nextInt(5)) {
          case 0 -> a;
          case 1 -> Double.POSITIVE_INFINITY;
          case 2 -> a + r.nextDouble() * 60;
          default -> a + r.nextDouble() * 3;
        };
        if (r.nextInt(10) == 0) {
          a = Double.NEGATIVE_INFINITY;
        }
        if (i > 0 && r.nextInt(4) == 0) { // shares the bounds of an earlier interval
          int j = r.nextInt(i);
          a = lo[j];
          b = hi[j];
        }
        items[i] = new Iv(i, a, b);
        lo[i] = a;
        hi[i] = b;
      }
      StaticIntervalTree<Iv> tree = StaticIntervalTree.build(items, lo, hi, n);
      assertThat(tree.size()).isEqualTo(n);
      boolean[] dead = new boolean[n];
      for (int phase = 0; phase < 3; phase++) {
        for (int q = 0; q < 200; q++) {
          double x = q % 3 == 0 ? lo[r.nextInt(n)] : q % 3 == 1 ? hi[r.nextInt(n)] : r.nextDouble() * 110 - 5;
          List<Integer> actual = new ArrayList<>();
          tree.stab(x, iv -> actual.add(iv.id()));
          List<Integer> expected = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            if (!dead[i] && lo[i] <= x && x <= hi[i]) {
              expected.add(i);
            }
          }
          assertThat(actual).as("round %d x %s", round, x).containsExactlyInAnyOrderElementsOf(expected);
        }
        for (int i = 0; i < n; i++) {
          int slot = tree.find(items[i], lo[i], hi[i], System.identityHashCode(items[i]));
          assertThat(slot >= 0).as("round %d find %d", round, i).isEqualTo(!dead[i]);
          double otherHi = hi[i] == Double.POSITIVE_INFINITY ? Double.MAX_VALUE : hi[i] + 0.25;
          assertThat(tree.find(items[i], lo[i], otherHi, System.identityHashCode(items[i])))
              .as("round %d find %d with another upper bound", round, i).isEqualTo(-1);
          if (slot >= 0 && r.nextInt(3) == 0) {
            tree.kill(slot);
            dead[i] = true;
          }
        }
        assertThat(tree.find(new Object(), 1, 2, 0)).isEqualTo(-1);
      }
      int live = (int) countLive(dead);
      assertThat(tree.liveCount()).isEqualTo(live);
      Object[] outItems = new Object[live];
      double[] outLo = new double[live];
      double[] outHi = new double[live];
      assertThat(tree.copyLiveTo(outItems, outLo, outHi, 0)).isEqualTo(live);
      for (int k = 0; k < live; k++) {
        Iv iv = (Iv) outItems[k];
        assertThat(dead[iv.id()]).isFalse();
        assertThat(outLo[k]).isEqualTo(iv.lo());
        assertThat(outHi[k]).isEqualTo(iv.hi());
      }
      assertThat(Arrays.stream(outItems).distinct().count()).isEqualTo(live);
    }
  }

  private static long countLive(boolean[] dead) {
    long n = 0;
    for (boolean d : dead) {
      n += d ? 0 : 1;
    }
    return n;
  }
}
