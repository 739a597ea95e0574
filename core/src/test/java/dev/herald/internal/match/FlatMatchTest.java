package dev.herald.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.filter.Document;
import dev.herald.filter.reference.ReferenceEvaluator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A partition whose every filter is one equality, {@code in} or existence matches each document in
 * one pass; these tests check that it is used exactly when it applies, and that it answers what the
 * two-pass match (and the reference evaluator) answers.
 */
class FlatMatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String NON_FLAT_AND = "{\"and\":[{\"equals\":{\"a\":\"x\"}},{\"exists\":\"b\"}]}";
  /** A conjunction no generated document matches (no such fields). */
  private static final String NEVER = "{\"and\":[{\"equals\":{\"never\":\"x\"}},{\"exists\":\"nowhere\"}]}";

  @Test
  void onePassOnlyWhileEveryFilterIsOneEqualityExistenceOrRange() {
    PartitionFixture f = new PartitionFixture();
    assertThat(f.isFlat()).as("empty").isFalse();
    String equals = f.register("{\"equals\":{\"a\":\"x\"}}");
    String in = f.register("{\"in\":{\"b.c\":[\"x\",\"y\"]}}");
    String exists = f.register("{\"exists\":\"d\"}");
    String ids = f.register("{\"ids\":{\"values\":[\"doc-1\"]}}");
    String range = f.register("{\"range\":{\"n\":{\"gte\":1,\"lt\":5}}}");
    assertThat(f.isFlat()).isTrue();

    // A conjunction sharing the equality: that condition no longer emits one filter by itself.
    String and = f.register(NON_FLAT_AND);
    assertThat(f.isFlat()).isFalse();
    assertThat(f.remove(and)).isTrue();
    assertThat(f.isFlat()).isTrue();

    for (String other : List.of("{\"not\":{\"equals\":{\"a\":\"x\"}}}",
        "{\"and\":[{\"range\":{\"n\":{\"gte\":1,\"lt\":5}}},{\"exists\":\"m\"}]}",
        "{\"not\":{\"range\":{\"n\":{\"gte\":1}}}}",
        "{\"exists\":\"list[\\\"x\\\"]\"}", "{\"regexp\":{\"a\":{\"value\":\"^x\"}}}",
        "{\"or\":[{\"equals\":{\"a\":\"y\"}},{\"equals\":{\"e\":\"y\"}}]}")) {
      String id = f.register(other);
      assertThat(f.isFlat()).as(other).isFalse();
      assertThat(f.remove(id)).isTrue();
      assertThat(f.isFlat()).as("after removing " + other).isTrue();
    }

    // Registering the same filter twice keeps it one filter, still by itself.
    assertThat(f.register("{\"equals\":{\"a\":\"x\"}}")).isEqualTo(equals);
    assertThat(f.isFlat()).isTrue();

    for (String id : List.of(equals, equals, in, exists, ids, range)) {
      assertThat(f.remove(id)).isTrue();
    }
    assertThat(f.isFlat()).as("empty again").isFalse();
    f.assertEmpty();
  }

  @Test
  void onePassReadsValuesAsTheTwoPassMatchDoes() {
    PartitionFixture f = new PartitionFixture();
    String a = f.register("{\"equals\":{\"a\":\"x\"}}");
    String n = f.register("{\"equals\":{\"n\":2}}");
    String nil = f.register("{\"equals\":{\"z\":null}}");
    String deep = f.register("{\"in\":{\"b.c\":[\"x\",\"y\"]}}");
    String hasB = f.register("{\"exists\":\"b\"}");
    String byId = f.register("{\"ids\":{\"values\":[\"doc-1\"]}}");
    assertThat(f.isFlat()).isTrue();

    List<Map<String, Object>> docs = new ArrayList<>();
    List<String> docIds = new ArrayList<>();
    List<Set<String>> expected = new ArrayList<>();
    addCase(docs, docIds, expected, map("a", new StringBuilder("x")), null, Set.of(a));
    addCase(docs, docIds, expected, map("a", 'x'), null, Set.of(a));
    addCase(docs, docIds, expected, map("n", 2), null, Set.of(n));
    addCase(docs, docIds, expected, map("n", 2.0), null, Set.of(n));
    addCase(docs, docIds, expected, map("n", new BigDecimal("2.000")), null, Set.of(n));
    addCase(docs, docIds, expected, map("n", (short) 2), null, Set.of(n));
    addCase(docs, docIds, expected, map("n", 2.5), null, Set.of());
    addCase(docs, docIds, expected, map("n", "2"), null, Set.of());
    addCase(docs, docIds, expected, map("z", null), null, Set.of(nil));
    addCase(docs, docIds, expected, map("a", List.of("x")), null, Set.of());
    addCase(docs, docIds, expected, map("b", map("c", "y")), null, Set.of(deep, hasB));
    addCase(docs, docIds, expected, map("b", List.of(map("c", "y"))), null, Set.of(hasB));
    addCase(docs, docIds, expected, map("b", null), null, Set.of(hasB));
    addCase(docs, docIds, expected, map("b.c", "x"), null, Set.of(deep));
    addCase(docs, docIds, expected, map("_id", "doc-1"), null, Set.of(byId));
    addCase(docs, docIds, expected, map("_id", "doc-1"), "doc-2", Set.of());
    addCase(docs, docIds, expected, map("a", "x"), "doc-1", Set.of(a, byId));

    for (int i = 0; i < docs.size(); i++) {
      assertThat(f.match(docs.get(i), docIds.get(i))).as("one pass, document %s", i).isEqualTo(expected.get(i));
    }
    // The same documents through the two-pass match, once a conjunction makes the partition need it.
    String and = f.register(NON_FLAT_AND);
    assertThat(f.isFlat()).isFalse();
    for (int i = 0; i < docs.size(); i++) {
      Set<String> want = new HashSet<>(expected.get(i));
      if (want.contains(a) && want.contains(hasB)) {
        want.add(and);
      }
      assertThat(f.match(docs.get(i), docIds.get(i))).as("two passes, document %s", i).isEqualTo(want);
    }
  }

  /**
   * Random sets of equalities, {@code in}s and existences over a few nested paths and random
   * documents of every value type: the one-pass answer is the two-pass answer (a twin partition
   * holding one conjunction more, which no document matches, gives that), and the reference
   * evaluator's where it applies (it leaves out documents holding a literal dotted key, which may
   * collide with a nested path: the later one counts). In some sets a conjunction that documents
   * may match is registered too, so that set is matched in two passes on both sides.
   */
  @Test
  void randomFlatSetsMatchAsInTwoPassesAndAsTheReference() throws Exception {
    Random random = new Random(20261129);
    int onePassChecks = 0;
    int referenceChecks = 0;
    for (int set = 0; set < 300; set++) {
      PartitionFixture f = new PartitionFixture();
      PartitionFixture twoPass = new PartitionFixture();
      twoPass.register(NEVER);
      Map<String, Object> filters = new LinkedHashMap<>();
      for (int i = 1 + random.nextInt(12); i > 0; i--) {
        String json = random.nextInt(50) == 0 ? NON_FLAT_AND : randomFlatFilter(random);
        filters.put(f.register(json), JSON.readValue(json, Object.class));
        twoPass.register(json);
      }
      assertThat(f.isFlat()).isEqualTo(!filters.containsValue(JSON.readValue(NON_FLAT_AND, Object.class)));
      assertThat(twoPass.isFlat()).isFalse();
      for (int d = 0; d < 40; d++) {
        Map<String, Object> doc = randomObject(random, 0);
        String docId = random.nextInt(4) == 0 ? pick(random, "doc-1", "doc-2") : null;
        Set<String> got = f.match(doc, docId);
        String context = "set " + set + ", document " + doc + ", id " + docId + ", filters " + filters;
        assertThat(got).as(context).isEqualTo(twoPass.match(doc, docId));
        onePassChecks += f.isFlat() ? 1 : 0;
        if (!hasDottedKey(doc)) {
          Map<String, Object> seen = new LinkedHashMap<>(doc);
          if (docId != null) {
            seen.put("_id", docId);
          }
          Set<String> want = new HashSet<>();
          filters.forEach((id, tree) -> {
            if (ReferenceEvaluator.matches(tree, seen)) {
              want.add(id);
            }
          });
          assertThat(got).as(context).isEqualTo(want);
          referenceChecks++;
        }
      }
    }
    assertThat(onePassChecks).as("documents matched in one pass").isGreaterThan(6000);
    assertThat(referenceChecks).as("answers checked against the reference").isGreaterThan(4000);
  }

  /**
   * An index of a few top-level fields looks them up in the document by key when the document has at
   * least as many fields, for the map classes where that finds what the walk finds (others are
   * walked): random sets over such fields and random documents of those classes and a few others,
   * with absent and null fields, extra fields and {@code _id}, answer as the two-pass twin does
   * (parsed objects larger than {@link dev.herald.internal.json.JsonMap#SCANNED_SIZE} are walked).
   */
  @Test
  void topLevelFieldsLookedUpByKeyMatchAsWalked() throws Exception {
    Random random = new Random(20261130);
    int byKey = 0;
    int oneField = 0;
    for (int set = 0; set < 300; set++) {
      PartitionFixture f = new PartitionFixture();
      PartitionFixture twoPass = new PartitionFixture();
      twoPass.register(NEVER);
      List<String> json = new ArrayList<>();
      for (int i = 1 + random.nextInt(8); i > 0; i--) {
        String filter = randomTopLevelFilter(random);
        json.add(filter);
        f.register(filter);
        twoPass.register(filter);
      }
      assertThat(f.isFlat()).as("%s", json).isTrue();
      assertThat(f.probesFieldsByKey()).as("%s", json).isTrue();
      boolean one = json.stream().map(FlatMatchTest::topLevelPath).distinct().count() == 1;
      assertThat(f.probesOneFieldByKey()).as("%s", json).isEqualTo(one);
      for (int d = 0; d < 40; d++) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = random.nextInt(7); i > 0; i--) {
          fields.put(pick(random, "a", "b", "c", "_id", "x", "y", "z"), randomValue(random, 1));
        }
        if (random.nextInt(4) == 0) { // more than a parsed object scans for a key: walked
          for (int i = 0; i < 6; i++) {
            fields.put("e" + i, i);
          }
        }
        String docId = random.nextInt(4) == 0 ? pick(random, "doc-1", "doc-2") : null;
        Map<String, ?> doc;
        switch (random.nextInt(5)) {
          case 0:
            doc = new HashMap<>(fields);
            break;
          case 1:
            doc = Document.parse(JSON.writeValueAsString(fields)).content();
            break;
          case 2:
            doc = new TreeMap<>(fields); // walked
            break;
          default:
            doc = fields;
            break;
        }
        byKey += doc instanceof TreeMap ? 0 : 1;
        oneField += one && !(doc instanceof TreeMap) ? 1 : 0;
        assertThat(f.match(doc, docId)).as("set %s, document %s, id %s", json, doc, docId)
            .isEqualTo(twoPass.match(doc, docId));
      }
    }
    assertThat(byKey).isGreaterThan(9000);
    assertThat(oneField).isGreaterThan(1000);
  }

  /** The field of a filter made by {@link #randomTopLevelFilter}: its keyword's only key. */
  private static String topLevelPath(String filter) {
    try {
      JsonNode body = JSON.readTree(filter).elements().next();
      return body.isTextual() ? body.asText() : body.fieldNames().next();
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Ranges that are whole filters are matched in one pass, the value handed to the stab; a range index
   * that registrations fragmented is still compacted once matching has paid enough for it.
   */
  @Test
  void onePassRangeMatchingAnswersExactlyAndCompactsAFragmentedIndex() {
    PartitionFixture f = new PartitionFixture();
    Map<String, double[]> ranges = new LinkedHashMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) {
      int low = random.nextInt(1000);
      String id = f.register("{\"range\":{\"n\":{\"gte\":" + low + ",\"lt\":" + (low + 50) + "}}}");
      ranges.put(id, new double[] {low, low + 50});
    }
    assertThat(f.isFlat()).isTrue();
    assertThat(f.rangesFragmented("n")).isTrue();
    for (int d = 0; d < 3000 && f.rangesFragmented("n"); d++) {
      Object n = switch (d % 3) {
        case 0 -> (long) random.nextInt(1100); // on bounds often
        case 1 -> random.nextInt(1100) + 0.5;
        default -> random.nextInt(1100); // an Integer
      };
      double x = ((Number) n).doubleValue();
      Set<String> want = new HashSet<>();
      ranges.forEach((id, r) -> {
        if (x >= r[0] && x < r[1]) {
          want.add(id);
        }
      });
      assertThat(f.match(map("n", n))).as("n = %s", n).isEqualTo(want);
      assertThat(f.count(map("n", n))).isEqualTo(want.size());
    }
    assertThat(f.rangesFragmented("n")).as("compacted by the maintenance matching asked for").isFalse();
  }

  @Test
  void keysAreLookedUpOnlyInIndexesOfFewTopLevelFieldsNoneDotted() {
    PartitionFixture f = new PartitionFixture();
    String a = f.register("{\"equals\":{\"a\":1}}");
    assertThat(f.probesFieldsByKey()).isTrue();
    assertThat(f.probesOneFieldByKey()).isTrue();
    String dotted = f.register("{\"exists\":\"b.c\"}");
    assertThat(f.isFlat()).isTrue();
    assertThat(f.probesFieldsByKey()).as("a nested path").isFalse();
    assertThat(f.probesOneFieldByKey()).isFalse();
    f.remove(dotted);
    assertThat(f.probesFieldsByKey()).isTrue();
    assertThat(f.probesOneFieldByKey()).isTrue();
    String and = f.register(NON_FLAT_AND);
    assertThat(f.probesOneFieldByKey()).as("not flat").isFalse();
    f.remove(and);
    assertThat(f.probesOneFieldByKey()).isTrue();
    assertThat(f.match(Map.of("a", 1))).containsExactly(a);
    assertThat(f.match(Map.of("a", 1), "doc-1")).as("with a document id").containsExactly(a);
    assertThat(f.match(Map.of("a", Map.of("a", 1)))).as("an object is no number").isEmpty();
    assertThat(f.match(Map.of())).isEmpty();
    List<String> more = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      more.add(f.register("{\"equals\":{\"f" + i + "\":1}}"));
    }
    assertThat(f.probesFieldsByKey()).as("nine top-level fields").isFalse();
    f.remove(more.get(0));
    assertThat(f.probesFieldsByKey()).as("eight").isTrue();
    assertThat(f.probesOneFieldByKey()).isFalse();
    and = f.register(NON_FLAT_AND);
    assertThat(f.probesFieldsByKey()).as("not flat").isFalse();
    f.remove(and);
    assertThat(f.probesFieldsByKey()).isTrue();
    Map<String, Object> doc = new HashMap<>();
    doc.put("a", 1);
    doc.put("f1", 1);
    assertThat(f.match(doc)).hasSize(2).contains(a);
  }

  private static String randomTopLevelFilter(Random random) throws JsonProcessingException {
    String path = pick(random, "a", "b", "c", "_id");
    switch (random.nextInt(4)) {
      case 3:
        return randomRange(random, path);
      case 0:
        return "{\"equals\":{\"" + path + "\":" + JSON.writeValueAsString(randomScalar(random)) + "}}";
      case 1:
        return "{\"in\":{\"" + path + "\":[\"" + pick(random, "x", "y") + "\",\"" + pick(random, "y", "doc-1") + "\"]}}";
      default:
        return "{\"exists\":\"" + path + "\"}";
    }
  }

  private static boolean hasDottedKey(Map<?, ?> object) {
    for (Map.Entry<?, ?> e : object.entrySet()) {
      if (((String) e.getKey()).indexOf('.') >= 0 || e.getValue() instanceof Map && hasDottedKey((Map<?, ?>) e.getValue())) {
        return true;
      }
    }
    return false;
  }

  private static String randomFlatFilter(Random random) throws JsonProcessingException {
    String path = pick(random, "a", "b", "b.c", "b.c.d", "_id");
    switch (random.nextInt(4)) {
      case 3:
        return randomRange(random, path);
      case 0:
        return "{\"equals\":{\"" + path + "\":" + JSON.writeValueAsString(randomScalar(random)) + "}}";
      case 1:
        return "{\"in\":{\"" + path + "\":[\"" + pick(random, "x", "y") + "\",\"" + pick(random, "y", "z") + "\"]}}";
      default:
        return "{\"exists\":\"" + path + "\"}";
    }
  }

  /** A range with one or two bounds among 0, 1, 1.5 and 2, inclusive or not: values land on them. */
  private static String randomRange(Random random, String path) {
    String low = pick(random, "gt", "gte") + "\":" + pick(random, "0", "1");
    String high = pick(random, "lt", "lte") + "\":" + pick(random, "1.5", "2");
    String bounds = switch (random.nextInt(3)) {
      case 0 -> low;
      case 1 -> high;
      default -> low + ",\"" + high;
    };
    return "{\"range\":{\"" + path + "\":{\"" + bounds + "}}}";
  }

  private static Object randomScalar(Random random) {
    switch (random.nextInt(6)) {
      case 0:
        return null;
      case 1:
        return random.nextBoolean();
      case 2:
        return random.nextInt(3);
      case 3:
        return random.nextInt(3) + 0.5;
      default:
        return pick(random, "x", "y", "z", "doc-1");
    }
  }

  private static Object randomValue(Random random, int depth) {
    switch (random.nextInt(depth < 2 ? 9 : 7)) {
      case 0:
        return null;
      case 1:
        return random.nextBoolean();
      case 2:
        return random.nextInt(3); // Integer
      case 3:
        return (long) random.nextInt(3);
      case 4:
        return random.nextInt(3) + pick(random, 0.0, 0.5); // Double, integral or not
      case 5:
        return pick(random, "x", "y", "z", "doc-1", "2");
      case 6:
        return Arrays.asList(randomScalar(random)); // may hold null
      default:
        return randomObject(random, depth + 1);
    }
  }

  private static Map<String, Object> randomObject(Random random, int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      m.put(pick(random, "a", "b", "c", "d", "b.c", "_id", "other"), randomValue(random, depth));
    }
    return m;
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static Map<String, Object> map(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(key, value);
    return m;
  }

  private static void addCase(List<Map<String, Object>> docs, List<String> docIds, List<Set<String>> expected,
      Map<String, Object> doc, String docId, Set<String> want) {
    docs.add(doc);
    docIds.add(docId);
    expected.add(want);
  }
}
