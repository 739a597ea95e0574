package dev.herald.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.filter.Document;
import dev.herald.filter.FilterEngine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every workload has its shape, and the naive scan counts what the engine counts. */
class WorkloadTest {
  private static final int FILTERS = 1000;
  private static final int HITS = 50;

  @ParameterizedTest
  @EnumSource(Shape.class)
  void everyKeywordHasItsShapeAndTheScanAgreesWithTheEngine(Shape shape) {
    for (String keyword : Workload.KEYWORDS) {
      Workload w = Workload.of(keyword, shape, FILTERS, HITS);
      FilterEngine engine = FilterEngine.create();
      w.forEachFilter(f -> engine.register("bench", f));
      assertThat(engine.stats().filters()).as("%s: distinct filters", w).isEqualTo(FILTERS);

      double mean = w.verify(d -> engine.countMatches("bench", d));
      if (shape == Shape.HIT_HEAVY) {
        assertThat(mean).as("%s: matches per document", w).isBetween(HITS / 2.0, HITS * 2.0);
      }
      NaiveScan scan = NaiveScan.of(w);
      for (Document d : w.documents()) {
        assertThat(scan.countMatches(d)).as("%s: %s", w, d).isEqualTo(engine.countMatches("bench", d));
      }
    }
  }

  @Test
  void generationIsDeterministic() {
    for (String keyword : List.of("range", "geoPolygon", "mixed")) {
      Workload a = Workload.of(keyword, Shape.HIT_HEAVY, 1000, 50);
      Workload b = Workload.of(keyword, Shape.HIT_HEAVY, 1000, 50);
      assertThat(a.filterList()).isEqualTo(b.filterList());
      assertThat(a.documents()[7].json()).isEqualTo(b.documents()[7].json());
    }
  }

  @Test
  void refusesSizesThatDoNotDivideIntoGroups() {
    assertThatThrownBy(() -> Workload.of("mixed", Shape.MISS, 1005)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Workload.of("nope", Shape.MISS, 1000)).isInstanceOf(IllegalArgumentException.class);
  }
}
