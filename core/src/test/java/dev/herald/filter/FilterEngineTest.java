package dev.herald.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterEngineTest {
  private final FilterEngine engine = FilterEngine.create();

  private String id(String json) {
    return engine.parse(json).id();
  }

  @Nested
  class EquivalentFiltersShareOneId {
    @Test
    void reorderedAndOperands() {
      assertThat(id("{\"and\":[{\"equals\":{\"a\":1}},{\"equals\":{\"b\":2}}]}"))
          .isEqualTo(id("{\"and\":[{\"equals\":{\"b\":2}},{\"equals\":{\"a\":1}}]}"));
    }

    @Test
    void reorderedOrOperands() {
      assertThat(id("{\"or\":[{\"exists\":\"x\"},{\"range\":{\"n\":{\"gt\":1}}}]}"))
          .isEqualTo(id("{\"or\":[{\"range\":{\"n\":{\"gt\":1}}},{\"exists\":\"x\"}]}"));
    }

    @Test
    void inVersusOrOfEquals() {
      String in = id("{\"in\":{\"color\":[\"red\",\"blue\"]}}");
      assertThat(in).isEqualTo(id("{\"or\":[{\"equals\":{\"color\":\"blue\"}},{\"equals\":{\"color\":\"red\"}}]}"))
          .isEqualTo(id("{\"in\":{\"color\":[\"blue\",\"red\",\"red\"]}}"));
    }

    @Test
    void notInVersusAndOfNotEquals() {
      assertThat(id("{\"not\":{\"in\":{\"a\":[\"x\",\"y\"]}}}"))
          .isEqualTo(id("{\"and\":[{\"not\":{\"equals\":{\"a\":\"y\"}}},{\"not\":{\"equals\":{\"a\":\"x\"}}}]}"));
    }

    @Test
    void idsVersusInOnId() {
      assertThat(id("{\"ids\":{\"values\":[\"a\",\"b\"]}}")).isEqualTo(id("{\"in\":{\"_id\":[\"b\",\"a\"]}}"));
    }

    @Test
    void missingVersusNotExists() {
      assertThat(id("{\"missing\":\"a.b\"}")).isEqualTo(id("{\"not\":{\"exists\":{\"field\":\"a.b\"}}}"));
    }

    @Test
    void boolRewrites() {
      String bool = id("{\"bool\":{\"must\":[{\"equals\":{\"a\":1}}],\"must_not\":[{\"exists\":\"z\"}],"
          + "\"should\":[{\"equals\":{\"c\":1}},{\"equals\":{\"d\":1}}]}}");
      String plain = id("{\"or\":[{\"and\":[{\"equals\":{\"d\":1}},{\"missing\":\"z\"},{\"equals\":{\"a\":1}}]},"
          + "{\"and\":[{\"equals\":{\"a\":1}},{\"equals\":{\"c\":1}},{\"not\":{\"exists\":\"z\"}}]}]}");
      assertThat(bool).isEqualTo(plain);
      assertThat(id("{\"bool\":{\"must\":{\"equals\":{\"a\":1}}}}")).isEqualTo(id("{\"equals\":{\"a\":1}}"));
    }

    @Test
    void deMorgan() {
      assertThat(id("{\"not\":{\"or\":[{\"equals\":{\"a\":1}},{\"exists\":\"b\"}]}}"))
          .isEqualTo(id("{\"and\":[{\"not\":{\"equals\":{\"a\":1}}},{\"missing\":\"b\"}]}"));
      assertThat(id("{\"not\":{\"and\":[{\"equals\":{\"a\":1}},{\"exists\":\"b\"}]}}"))
          .isEqualTo(id("{\"or\":[{\"not\":{\"equals\":{\"a\":1}}},{\"missing\":\"b\"}]}"));
      assertThat(id("{\"not\":{\"not\":{\"equals\":{\"a\":1}}}}")).isEqualTo(id("{\"equals\":{\"a\":1}}"));
    }

    @Test
    void distributionAndAbsorption() {
      assertThat(id("{\"and\":[{\"equals\":{\"a\":1}},{\"or\":[{\"equals\":{\"b\":1}},{\"equals\":{\"c\":1}}]}]}"))
          .isEqualTo(id("{\"or\":[{\"and\":[{\"equals\":{\"a\":1}},{\"equals\":{\"b\":1}}]},"
              + "{\"and\":[{\"equals\":{\"c\":1}},{\"equals\":{\"a\":1}}]}]}"));
      assertThat(id("{\"or\":[{\"equals\":{\"a\":1}},{\"and\":[{\"equals\":{\"a\":1}},{\"exists\":\"b\"}]}]}"))
          .isEqualTo(id("{\"equals\":{\"a\":1}}"));
    }

    @Test
    void numbersByValueAndKeyOrder() {
      assertThat(id("{\"equals\":{\"a\":1}}")).isEqualTo(id("{\"equals\":{\"a\":1.0}}"));
      assertThat(id("{\"range\":{\"a\":{\"lt\":5,\"gte\":1}}}")).isEqualTo(id("{\"range\":{\"a\":{\"gte\":1.0,\"lt\":5}}}"));
      assertThat(id("{\"match\":{\"a\":1,\"b\":{\"c\":2,\"d\":3}}}"))
          .isEqualTo(id("{\"match\":{\"b\":{\"d\":3,\"c\":2},\"a\":1}}"));
    }

    @Test
    void contradictionsAreNothing() {
      Filter a = engine.parse("{\"and\":[{\"equals\":{\"a\":1}},{\"equals\":{\"a\":2}}]}");
      Filter b = engine.parse("{\"and\":[{\"range\":{\"a\":{\"gt\":10}}},{\"regexp\":{\"a\":\"x\"}}]}");
      assertThat(a.matchesNothing()).isTrue();
      assertThat(b.id()).isEqualTo(a.id()).isEqualTo(id("{\"nothing\":true}"));
      assertThat(engine.parse("{}").matchesEverything()).isTrue();
      assertThat(id("null")).isEqualTo(id("{}")).isEqualTo(id("{\"not\":{\"nothing\":1}}"));
    }

    @Test
    void differentFiltersDifferentIds() {
      assertThat(id("{\"equals\":{\"a\":1}}")).isNotEqualTo(id("{\"equals\":{\"a\":\"1\"}}"))
          .isNotEqualTo(id("{\"equals\":{\"b\":1}}")).isNotEqualTo(id("{\"exists\":\"a\"}"));
      assertThat(id("{\"range\":{\"a\":{\"gt\":1}}}")).isNotEqualTo(id("{\"range\":{\"a\":{\"gte\":1}}}"));
      assertThat(id("{\"match\":{\"a\":[1,2]}}")).isNotEqualTo(id("{\"match\":{\"a\":[2,1]}}"));
      assertThat(id("{}")).hasSize(64).matches("[0-9a-f]{64}");
    }
  }

  @Nested
  class Limits {
    @Test
    void conditionsLimitIsATypedError() {
      FilterEngine small = FilterEngine.builder().maxConditions(3).build();
      assertThatThrownBy(() -> small.parse("{\"in\":{\"a\":[1,2,3,4]}}"))
          .isInstanceOfSatisfying(FilterException.class, e -> {
            assertThat(e.reason()).isEqualTo(FilterException.Reason.TOO_MANY_CONDITIONS);
            assertThat(e.getMessage()).contains("conditions: 4").contains("max: 3");
          });
      assertThat(small.parse("{\"in\":{\"a\":[1,2,3]}}").conditions()).isEqualTo(3);
    }

    @Test
    void conjunctionsLimitIsATypedErrorAndNormalizationStaysPolynomial() {
      // An AND of 40 two-way ORs has 2^40 conjunctions: refused fast, not enumerated.
      StringBuilder f = new StringBuilder("{\"and\":[");
      for (int i = 0; i < 40; i++) {
        f.append(i == 0 ? "" : ",").append("{\"or\":[{\"equals\":{\"a").append(i).append("\":1}},{\"exists\":\"b")
            .append(i).append("\"}]}");
      }
      f.append("]}");
      assertThatThrownBy(() -> engine.parse(f.toString()))
          .isInstanceOfSatisfying(FilterException.class,
              e -> assertThat(e.reason()).isEqualTo(FilterException.Reason.TOO_MANY_CONJUNCTIONS));
    }

    @Test
    void koncordesSixteenVariableFilterIsSmall() {
      // Koncorde's truth table takes about a minute on this filter (koncorde-dsl.md section 5).
      StringBuilder f = new StringBuilder("{\"or\":[");
      for (int i = 0; i < 8; i++) {
        f.append(i == 0 ? "" : ",").append("{\"and\":[{\"equals\":{\"a").append(i).append("\":1}},{\"or\":[")
            .append("{\"equals\":{\"b").append(i).append("\":1}},{\"equals\":{\"c").append(i).append("\":1}}]}]}");
      }
      f.append("]}");
      Filter filter = engine.parse(f.toString());
      assertThat(filter.conditions()).isEqualTo(24);
      assertThat(filter.conjunctions()).isEqualTo(16);
    }

    @Test
    void depthLimitIsATypedError() {
      String deep = "{\"not\":".repeat(100) + "{\"exists\":\"a\"}" + "}".repeat(100);
      assertThatThrownBy(() -> engine.parse(deep)).isInstanceOfSatisfying(FilterException.class,
          e -> assertThat(e.reason()).isEqualTo(FilterException.Reason.TOO_DEEP));
      assertThat(FilterEngine.builder().maxDepth(200).build().parse(deep).conjunctions()).isEqualTo(1);
    }

    @Test
    void malformedFiltersAreInvalid() {
      for (String bad : List.of("{", "[1]", "\"x\"", "{\"equals\":{\"a\":1}} trailing",
          "{\"equals\":{\"a\":1},\"equals\":{\"a\":2}}")) {
        assertThatThrownBy(() -> engine.parse(bad)).as(bad).isInstanceOfSatisfying(FilterException.class,
            e -> assertThat(e.reason()).isEqualTo(FilterException.Reason.INVALID));
      }
    }

    @Test
    void nonFiniteNumbersFromJavaMapsAreRefused() {
      assertThatThrownBy(() -> engine.parse(Map.of("equals", Map.of("a", Double.NaN))))
          .isInstanceOf(FilterException.class).hasMessageContaining("\"equals.a\"");
      assertThatThrownBy(() -> engine.parse(Map.of("range", Map.of("a", Map.of("gt", Double.NaN)))))
          .isInstanceOf(FilterException.class).hasMessageContaining("\"range.a.gt\"");
    }

    @Test
    void builderValidates() {
      assertThatThrownBy(() -> FilterEngine.builder().maxConditions(0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> FilterEngine.builder().maxConjunctions(-1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Documents {
    @Test
    void numbersCompareByValueWhateverTheirJavaType() {
      String one = engine.register("i", "{\"equals\":{\"n\":1}}");
      for (Object n : List.of(1, 1L, (short) 1, (byte) 1, 1.0f, 1.0d, new BigDecimal("1.000"), BigInteger.ONE)) {
        assertThat(engine.match("i", Map.of("n", n))).as("%s %s", n.getClass(), n).containsExactly(one);
      }
      assertThat(engine.match("i", Map.of("n", "1"))).isEmpty();
      assertThat(engine.match("i", Map.of("n", true))).isEmpty();
    }

    @Test
    void integersCompareExactlyBeyondTwoToThe53() {
      String big = engine.register("i", "{\"equals\":{\"n\":9007199254740993}}");
      String above = engine.register("i", "{\"range\":{\"n\":{\"gt\":9007199254740992}}}");
      assertThat(engine.match("i", "{\"n\":9007199254740993}")).containsExactlyInAnyOrder(big, above);
      assertThat(engine.match("i", "{\"n\":9007199254740992}")).isEmpty();
      assertThat(engine.match("i", Map.of("n", new BigInteger("9007199254740993")))).containsExactlyInAnyOrder(big, above);
      String huge = engine.register("i", "{\"range\":{\"n\":{\"gt\":100000000000000000000000}}}");
      assertThat(engine.match("i", "{\"n\":100000000000000000000001}")).containsExactlyInAnyOrder(huge, above);
      assertThat(engine.match("i", "{\"n\":100000000000000000000000}")).containsExactly(above);
    }

    @Test
    void literalsWithAFractionOrExponentAreDoublesAsInJavaMaps() {
      assertThat(engine.parse("{\"equals\":{\"a\":1e300}}").id())
          .isEqualTo(engine.parse(Map.of("equals", Map.of("a", 1e300))).id());
      String twoTo64 = engine.register("i", "{\"equals\":{\"a\":1.8446744073709552E19}}");
      assertThat(engine.match("i", Map.of("a", new BigInteger("18446744073709551616")))).containsExactly(twoTo64);
      assertThat(engine.match("i", "{\"a\":18446744073709552000}")).isEmpty();
    }

    @Test
    void documentIdIsVisibleToIds() {
      String ids = engine.register("i", "{\"ids\":{\"values\":[\"doc-1\"]}}");
      Document d = Document.parse("{\"_id\":\"other\",\"a\":1}");
      assertThat(engine.match("i", d)).isEmpty();
      assertThat(engine.match("i", d.withId("doc-1"))).containsExactly(ids);
    }

    @Test
    void badDocumentsGetClearErrors() {
      engine.register("i", "{}");
      assertThatThrownBy(() -> engine.match("i", "{\"a\":")).isInstanceOfSatisfying(DocumentException.class,
          e -> assertThat(e.reason()).isEqualTo(DocumentException.Reason.MALFORMED));
      assertThatThrownBy(() -> engine.match("i", "[1,2]")).isInstanceOf(DocumentException.class)
          .hasMessageContaining("JSON object");
      String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
      assertThatThrownBy(() -> engine.match("i", deep)).isInstanceOfSatisfying(DocumentException.class,
          e -> assertThat(e.reason()).isEqualTo(DocumentException.Reason.TOO_DEEP));
      Map<String, Object> cyclic = new LinkedHashMap<>();
      cyclic.put("self", cyclic);
      assertThatThrownBy(() -> Document.of(cyclic)).isInstanceOf(DocumentException.class);
      assertThatThrownBy(() -> Document.of(Map.of("t", new Object()))).isInstanceOfSatisfying(DocumentException.class,
          e -> assertThat(e.reason()).isEqualTo(DocumentException.Reason.UNSUPPORTED_TYPE));
    }

    @Test
    void selfReferencingMapsDoNotLoopWhenMatchedDirectly() {
      String f = engine.register("i", "{\"equals\":{\"self.self.a\":1}}");
      Map<String, Object> cyclic = new LinkedHashMap<>();
      cyclic.put("a", 1);
      cyclic.put("self", cyclic);
      assertThat(engine.match("i", cyclic)).containsExactly(f);
    }

    @Test
    void theListOfIdsMayBeSortedButNotResized() {
      List<String> registered = new ArrayList<>();
      for (int i = 0; i < 40; i++) { // enough matches for the list to outgrow any first capacity
        registered.add(engine.register("i", "{\"range\":{\"n\":{\"gte\":" + i + "}}}"));
      }
      List<String> ids = engine.match("i", "{\"n\":100}");
      assertThat(ids).containsExactlyInAnyOrderElementsOf(registered);
      java.util.Collections.sort(ids);
      assertThat(ids).isSorted().containsExactlyInAnyOrderElementsOf(registered);
      assertThatThrownBy(() -> ids.add("x")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> ids.remove(0)).isInstanceOf(UnsupportedOperationException.class);
      List<String> one = engine.match("i", "{\"n\":0}");
      assertThat(one).hasSize(1);
      java.util.Collections.sort(one);
      // Each match gets its own list: the first one is not changed by later matches.
      engine.match("i", "{\"n\":5}");
      assertThat(ids).isSorted().hasSize(40);
    }

    @Test
    void threeInputFormsAgree() {
      String f = engine.register("i", "{\"and\":[{\"equals\":{\"a.b\":\"x\"}},{\"range\":{\"n\":{\"lte\":2}}}]}");
      String json = "{\"a\":{\"b\":\"x\"},\"n\":2}";
      assertThat(engine.match("i", json)).containsExactly(f);
      assertThat(engine.match("i", json.getBytes(StandardCharsets.UTF_8))).containsExactly(f);
      assertThat(engine.match("i", Map.of("a", Map.of("b", "x"), "n", 2))).containsExactly(f);
      assertThat(engine.match("i", Document.of(Map.of("a", Map.of("b", "x"), "n", 2)))).containsExactly(f);
      assertThat(engine.match("unknown-index", json)).isEmpty();
    }
  }

  @Nested
  class Registrations {
    @Test
    void registrationsAreCounted() {
      String a = engine.register("i", "{\"equals\":{\"a\":1}}");
      assertThat(engine.register("i", "{\"equals\":{\"a\":1.0}}")).isEqualTo(a);
      assertThat(engine.remove("i", a)).isTrue();
      assertThat(engine.contains("i", a)).isTrue();
      assertThat(engine.match("i", "{\"a\":1}")).containsExactly(a);
      assertThat(engine.remove("i", a)).isTrue();
      assertThat(engine.contains("i", a)).isFalse();
      assertThat(engine.remove("i", a)).isFalse();
      assertThat(engine.remove("nope", a)).isFalse();
      assertThat(engine.indexes()).isEmpty();
    }

    @Test
    void indexesAreSeparate() {
      String a = engine.register("one", "{\"exists\":\"a\"}");
      String b = engine.register("two", "{\"exists\":\"a\"}");
      assertThat(a).isEqualTo(b);
      engine.remove("one", a);
      assertThat(engine.match("one", "{\"a\":1}")).isEmpty();
      assertThat(engine.match("two", "{\"a\":1}")).containsExactly(b);
      assertThat(engine.indexes()).containsExactly("two");
      assertThat(engine.filterIds("two")).containsExactly(b);
    }

    @Test
    void sharedStructuresAreCountedOnceAndFreedCompletely() {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        ids.add(engine.register("i", "{\"and\":[{\"equals\":{\"type\":\"order\"}},{\"range\":{\"total\":{\"gte\":" + i
            + "}}}]}"));
        ids.add(engine.register("i", "{\"or\":[{\"equals\":{\"type\":\"order\"}},{\"equals\":{\"user\":" + i + "}}]}"));
      }
      FilterEngineStats stats = engine.stats();
      assertThat(stats.filters()).isEqualTo(100);
      assertThat(stats.conditions()).isEqualTo(1 + 50 + 50);
      assertThat(engine.match("i", "{\"type\":\"order\",\"total\":10,\"user\":3}")).hasSize(11 + 50);
      for (String id : ids) {
        engine.remove("i", id);
      }
      assertThat(engine.stats()).isEqualTo(new FilterEngineStats(0, 0, 0, 0, 0));
    }

    @Test
    void aConditionSharedInEveryWayMatchesEachFilterOnceThroughEveryChange() {
      // "x = 1" alone is a whole filter; the others hold it in an AND, in an OR, twice over.
      String whole = engine.register("i", "{\"equals\":{\"x\":1}}");
      Map<String, String> doc = Map.of("yes", "{\"x\":1,\"y\":true}", "no", "{\"x\":2}");
      assertThat(engine.match("i", doc.get("yes"))).containsExactly(whole);
      String and = engine.register("i", "{\"and\":[{\"equals\":{\"x\":1}},{\"exists\":\"y\"}]}");
      assertThat(engine.match("i", doc.get("yes"))).containsExactlyInAnyOrder(whole, and);
      String or = engine.register("i", "{\"or\":[{\"equals\":{\"x\":1}},{\"exists\":\"z\"}]}");
      String orSelf = engine.register("i", "{\"or\":[{\"and\":[{\"equals\":{\"x\":1}},{\"exists\":\"y\"}]},"
          + "{\"and\":[{\"equals\":{\"x\":1}},{\"exists\":\"w\"}]}]}");
      assertThat(engine.match("i", doc.get("yes"))).containsExactlyInAnyOrder(whole, and, or, orSelf);
      assertThat(engine.match("i", "{\"x\":1,\"z\":0}")).containsExactlyInAnyOrder(whole, or);
      assertThat(engine.match("i", "{\"x\":1,\"y\":0,\"w\":0}")).containsExactlyInAnyOrder(whole, and, or, orSelf);
      engine.remove("i", whole);
      assertThat(engine.match("i", doc.get("yes"))).containsExactlyInAnyOrder(and, or, orSelf);
      engine.remove("i", and);
      engine.remove("i", or);
      assertThat(engine.match("i", doc.get("yes"))).containsExactly(orSelf);
      engine.remove("i", orSelf);
      assertThat(engine.match("i", doc.get("yes"))).isEmpty();
      String again = engine.register("i", "{\"equals\":{\"x\":1}}");
      assertThat(again).isEqualTo(whole);
      assertThat(engine.match("i", doc.get("yes"))).containsExactly(whole);
      assertThat(engine.match("i", doc.get("no"))).isEmpty();
    }

    /** The same for a range; with fillers the range sits in a built tree rather than the tail. */
    @ParameterizedTest
    @ValueSource(ints = {0, 2000})
    void aRangeSharedInEveryWayMatchesEachFilterOnceThroughEveryChange(int fillers) {
      String range = "{\"range\":{\"x\":{\"gt\":0,\"lt\":10}}}";
      String whole = engine.register("i", range);
      for (int i = 0; i < fillers; i++) { // they push the range out of the index's tail
        engine.register("i", "{\"range\":{\"x\":{\"gte\":" + (1000 + 3 * i) + ",\"lt\":" + (1002 + 3 * i) + "}}}");
      }
      String yes = "{\"x\":5,\"y\":true}";
      assertThat(engine.match("i", yes)).containsExactly(whole);
      String or = engine.register("i", "{\"or\":[" + range + ",{\"exists\":\"z\"}]}");
      assertThat(engine.match("i", yes)).containsExactlyInAnyOrder(whole, or);
      engine.remove("i", whole);
      assertThat(engine.match("i", yes)).containsExactly(or);
      String and = engine.register("i", "{\"and\":[" + range + ",{\"exists\":\"y\"}]}");
      assertThat(engine.match("i", yes)).containsExactlyInAnyOrder(or, and);
      engine.remove("i", or);
      assertThat(engine.match("i", yes)).containsExactly(and);
      assertThat(engine.match("i", "{\"x\":5}")).isEmpty();
      String again = engine.register("i", range);
      assertThat(again).isEqualTo(whole);
      engine.remove("i", and);
      assertThat(engine.match("i", yes)).containsExactly(whole);
      assertThat(engine.match("i", "{\"x\":10}")).isEmpty();
      assertThat(engine.match("i", "{\"x\":1000.5}")).hasSize(fillers > 0 ? 1 : 0);
    }

    @Test
    void aFilterReachedThroughManyKeysOfOneConditionIsReportedOnce() {
      String in = engine.register("i", "{\"in\":{\"tag\":[\"a\",\"b\",\"c\"]}}");
      String contains = engine.register("i", "{\"match\":{\"tags\":[\"b\"]}}");
      // Array elements repeated in the document reach the same condition again.
      assertThat(engine.match("i", "{\"tag\":\"b\",\"tags\":[\"b\",\"b\",\"a\"]}"))
          .containsExactlyInAnyOrder(in, contains);
      assertThat(engine.match("i", "{\"tag\":\"c\"}")).containsExactly(in);
    }

    @Test
    void actionsMayMatchAgain() {
      String a = engine.register("i", "{\"exists\":\"a\"}");
      String b = engine.register("i", "{\"exists\":\"b\"}");
      List<String> seen = new ArrayList<>();
      engine.forEachMatch("i", Document.parse("{\"a\":1}"), id -> {
        seen.add(id);
        seen.addAll(engine.match("i", "{\"b\":1}"));
      });
      assertThat(seen).containsExactly(a, b);
      assertThat(engine.countMatches("i", Document.parse("{\"a\":1,\"b\":2}"))).isEqualTo(2);
    }
  }
}
