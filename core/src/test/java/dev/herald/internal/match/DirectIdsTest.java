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
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Range trees and geo cells keep, with each condition, the id of the filter the condition is by
 * itself, and report hits by that id without reading the condition. These tests change which
 * conditions are whole filters (other filters come to share them, then leave) while the conditions
 * sit in those indexes, and check every answer against the reference evaluator.
 */
class DirectIdsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void rangesInBuiltTreesMatchAsTheReferenceWhileOtherFiltersComeToShareThem() throws Exception {
    // 400 intervals: enough to leave the index's tail for trees; compacting now and then leaves one
    // tree with no removed slot, so every hit in a run comes with its id.
    churn(new Random(20261129), 400, DirectIdsTest::randomRange, (random, doc) ->
        doc.put("x", random.nextBoolean() ? random.nextInt(110) - 5 : random.nextInt(110) - 4.5),
        f -> f.compactRanges("x"), 30);
  }

  @Test
  void geoShapesMatchAsTheReferenceWhileOtherFiltersComeToShareThem() throws Exception {
    // Boxes, circles and polygons crowded on a 10-degree square, so that cells hold many of each.
    churn(new Random(20261130), 150, DirectIdsTest::randomGeo, (random, doc) ->
        doc.put("p", List.of(random.nextDouble() * 12 - 1, random.nextDouble() * 12 - 1)),
        f -> { }, 5);
  }

  /**
   * Registers {@code whole} filters of one condition each, then 300 rounds of one change (a filter
   * sharing a whole filter's condition comes or goes, a whole filter comes or goes) and 10 random
   * documents matched against the reference.
   */
  private static void churn(Random random, int initial, Function<Random, String> whole,
      BiConsumer<Random, Map<String, Object>> field, Consumer<PartitionFixture> every30Rounds,
      int minHitsPerCheck) throws Exception {
    PartitionFixture f = new PartitionFixture();
    Map<String, Object> filters = new LinkedHashMap<>();
    List<String> wholes = new ArrayList<>(); // ids
    Map<String, String> wholeJson = new LinkedHashMap<>();
    List<String> sharing = new ArrayList<>(); // ids of the filters sharing a whole filter's condition
    for (int i = 0; i < initial; i++) {
      String json = whole.apply(random);
      String id = register(f, filters, json);
      if (id != null) {
        wholes.add(id);
        wholeJson.put(id, json);
      }
    }
    int checks = 0;
    int hits = 0;
    for (int round = 0; round < 300; round++) {
      if (round % 30 == 0) {
        every30Rounds.accept(f);
      }
      int action = random.nextInt(20);
      switch (action < 9 ? 0 : action < 18 ? 1 : action - 16) {
        case 0: {
          String shared = wholeJson.get(wholes.get(random.nextInt(wholes.size())));
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
          String id = wholes.remove(random.nextInt(wholes.size()));
          assertThat(f.remove(id)).isTrue();
          filters.remove(id);
          wholeJson.remove(id);
          break;
        }
        default: {
          String json = whole.apply(random);
          String id = register(f, filters, json);
          if (id != null) {
            wholes.add(id);
            wholeJson.put(id, json);
          }
        }
      }
      for (int d = 0; d < 10; d++) {
        Map<String, Object> doc = new LinkedHashMap<>();
        field.accept(random, doc);
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
    assertThat(hits).as("matches checked").isGreaterThan(minHitsPerCheck * checks);
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

  /** A box, a circle or a polygon (a triangle or a quadrilateral) of 1 to 5 degrees in [0, 10]². */
  private static String randomGeo(Random random) {
    double lat = random.nextDouble() * 8;
    double lon = random.nextDouble() * 8;
    double size = 1 + random.nextDouble() * 4;
    switch (random.nextInt(3)) {
      case 0:
        return "{\"geoBoundingBox\":{\"p\":{\"top\":" + (lat + size) + ",\"left\":" + lon + ",\"bottom\":" + lat
            + ",\"right\":" + (lon + size) + "}}}";
      case 1:
        return "{\"geoDistance\":{\"p\":[" + lat + "," + lon + "],\"distance\":\"" + Math.round(size * 55) + "km\"}}";
      default: {
        StringBuilder points = new StringBuilder();
        int corners = 3 + random.nextInt(2);
        for (int k = 0; k < corners; k++) {
          double bearing = 2 * Math.PI * (k + random.nextDouble() * 0.5) / corners;
          points.append(k == 0 ? "" : ",").append('[').append(lat + size * Math.sin(bearing)).append(',')
              .append(lon + size * Math.cos(bearing)).append(']');
        }
        return "{\"geoPolygon\":{\"p\":{\"points\":[" + points + "]}}}";
      }
    }
  }
}
