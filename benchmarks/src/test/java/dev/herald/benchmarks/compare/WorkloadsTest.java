package dev.herald.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.herald.filter.FilterEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadsTest {
  static Iterable<String> keywords() {
    return Workloads.KEYWORDS;
  }

  @Test
  void theSameSeedWritesTheSameFiles(@TempDir Path a, @TempDir Path b) throws Exception {
    for (String keyword : Workloads.KEYWORDS) {
      Path first = Workloads.write(Workloads.generate(keyword, 500, 100, 7), a);
      Path second = Workloads.write(Workloads.generate(keyword, 500, 100, 7), b);
      assertThat(Files.readAllBytes(second)).as(keyword).isEqualTo(Files.readAllBytes(first));
    }
  }

  @Test
  void anotherSeedGivesOtherWorkloads() {
    for (String keyword : Workloads.KEYWORDS) {
      byte[] seven = Json.bytes(Workloads.generate(keyword, 200, 50, 7).toJson());
      byte[] eight = Json.bytes(Workloads.generate(keyword, 200, 50, 8).toJson());
      assertThat(eight).as(keyword).isNotEqualTo(seven);
    }
  }

  @Test
  void writesTheFileFormatBothEnginesRead(@TempDir Path dir) throws Exception {
    Workloads.Workload w = Workloads.generate("range", 3, 4, 1);
    Map<String, Object> json = Json.object(Json.read(Workloads.write(w, dir)), "workload");
    assertThat(json).containsOnlyKeys("keyword", "filters", "docs").containsEntry("keyword", "range");
    assertThat(Json.object(json.get("filters"), "filters")).containsOnlyKeys("f00000", "f00001", "f00002");
    assertThat(Json.array(json.get("docs"), "docs")).hasSize(4);
  }

  /** At the size the comparison runs: half the documents match some filter, the other half none. */
  @ParameterizedTest
  @MethodSource("keywords")
  void documentsHitAboutHalfTheTime(String keyword) {
    Workloads.Workload w = Workloads.generate(keyword, Workloads.DEFAULT_FILTERS, Workloads.DEFAULT_DOCS, Workloads.DEFAULT_SEED);
    assertThat(w.filters()).hasSize(Workloads.DEFAULT_FILTERS);
    assertThat(w.docs()).hasSize(Workloads.DEFAULT_DOCS);
    FilterEngine engine = FilterEngine.create();
    for (Object filter : w.filters().values()) {
      engine.register("bench", engine.parse(Json.object(filter, "filter")));
    }
    long hits = w.docs().stream().filter(doc -> !engine.match("bench", doc).isEmpty()).count();
    assertThat((double) hits / w.docs().size()).as(keyword).isCloseTo(0.5, within(0.05));
  }
}
