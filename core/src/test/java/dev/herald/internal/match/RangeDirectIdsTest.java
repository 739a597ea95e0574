package dev.herald.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.filter.reference.ReferenceEvaluator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A range index's built trees keep, with each interval, the id of the filter its condition is by
 * itself, and report runs of hits with those ids. These tests change which conditions are whole
 * filters (other filters come to share them, then leave) while the intervals sit in built trees, and
 * check every answer against the reference evaluator.
 */
class RangeDirectIdsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void rangesInBuiltTreesMatchAsTheReferenceWhileOtherFiltersComeToShareThem() throws Exception {
    Random random = new Random(20261129);
    PartitionFixture f = new PartitionFixture();
    Map<String, Object> filters = new LinkedHashMap<>();
    List<String> ranges = new ArrayList<>(); // ids
    Map<String, String> rangeJson = new LinkedHashMap<>();
    List<String> sharing = new ArrayList<>(); // ids of the filters sharing a range condition
    for (int i = 0; i < 400; i++) { // enough for the intervals to leave the index's tail for trees
      String json = randomRange(random);
      String id = register(f, filters, json);
      if (id != null) {
        ranges.add(id);
        rangeJson.put(id, json);
      }
    }
    int checks = 0;
    int hits = 0;
    for (int round = 0; round < 300; round++) {
      if (round % 30 == 0) {
        f.compactRanges("x"); // one tree with no removed slot: every hit in a run comes with its id
      }
      int action = random.nextInt(20);
      switch (action < 9 ? 0 : action < 18 ? 1 : action - 16) {
        case 0: {
          String shared = rangeJson.get(ranges.get(random.nextInt(ranges.size())));
          String json = random.nextBoolean()
              ? "{\"and\":[" + shared + ",{\"exists\":\"y\"}]}"
              : "{\"or\":[" + shared + ",{\"equals\":{\"z\":1}}]}";
          String id = register(f, filters, json);
          if (id != null) {
            sharing.add(id);
          }
          break;
        }
        case 1:
          if (!sharing.isEmpty()) {
            String id = sharing.remove(random.nextInt(sharing.size()));
            assertThat(f.remove(id)).isTrue();
            filters.remove(id);
          }
          break;
        case 2: {
          String id = ranges.remove(random.nextInt(ranges.size()));
          assertThat(f.remove(id)).isTrue();
          filters.remove(id);
          rangeJson.remove(id);
          break;
        }
        default: {
          String json = randomRange(random);
          String id = register(f, filters, json);
          if (id != null) {
            ranges.add(id);
            rangeJson.put(id, json);
          }
        }
      }
      for (int d = 0; d < 10; d++) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("x", random.nextBoolean() ? random.nextInt(110) - 5 : random.nextInt(110) - 4.5);
        if (random.nextBoolean()) {
          doc.put("y", true);
        }
        if (random.nextBoolean()) {
          doc.put("z", 1);
        }
        Set<String> want = new HashSet<>();
        filters.forEach((id, tree) -> {
          if (ReferenceEvaluator.matches(tree, doc)) {
            want.add(id);
          }
        });
        String context = "round " + round + ", document " + doc;
        assertThat(f.match(doc)).as(context).containsExactlyInAnyOrderElementsOf(want);
        assertThat(f.count(doc)).as(context).isEqualTo(want.size());
        checks++;
        hits += want.size();
      }
    }
    assertThat(checks).isEqualTo(3000);
    assertThat(hits).as("matches checked").isGreaterThan(30 * checks);
  }

  /** Registers a filter once: its id, or null (and no second registration) when it is already there. */
  private static String register(PartitionFixture f, Map<String, Object> filters, String json) throws Exception {
    String id = f.register(json);
    if (filters.containsKey(id)) {
      assertThat(f.remove(id)).isTrue(); // one registration less: the filter stays, once
      return null;
    }
    filters.put(id, JSON.readValue(json, Object.class));
    return id;
  }

  private static String randomRange(Random random) {
    int lo = random.nextInt(100);
    int hi = lo + 1 + random.nextInt(40);
    return "{\"range\":{\"x\":{\"" + (random.nextBoolean() ? "gte" : "gt") + "\":" + lo + ",\""
        + (random.nextBoolean() ? "lte" : "lt") + "\":" + hi + "}}}";
  }
}
