package dev.herald.filter.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.filter.Document;
import dev.herald.filter.FilterEngine;
import dev.herald.filter.FilterEngineStats;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Property: for random sets of valid filters registered together in one index and random documents,
 * the engine returns exactly the ids of the filters the {@link ReferenceEvaluator} says match; and
 * this stays true as registrations come and go, until removing everything leaves the engine empty.
 *
 * <p>The seed is logged; replay a run with {@code -Dherald.seed=N}.
 */
class FilterPropertyTest {
  private static final Logger LOG = LoggerFactory.getLogger(FilterPropertyTest.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int FILTER_SETS = 450;
  private static final int DOCUMENTS_PER_SET = 24;
  private static final int MIN_PAIRS = 10_000;

  private long seed;
  private FilterEngine engine;
  private int pairs;
  private int matchingPairs;

  /** One registration of a filter: its JSON text, the tree the reference reads, and the engine's id. */
  private record Registration(String json, Object tree, String id) {}

  /** A document: its JSON text and the tree the reference reads. */
  private record Doc(String json, Map<String, Object> tree) {}

  @Test
  void engineMatchesExactlyWhatTheReferenceMatches() {
    seed = seed();
    LOG.info("FilterPropertyTest seed {}; replay with: {}", seed, replayCommand());
    Random random = new Random(seed);
    RandomFilters generator = new RandomFilters(random);
    engine = FilterEngine.create();

    for (int set = 0; set < FILTER_SETS; set++) {
      checkFilterSet("set-" + set, generator, random);
    }

    LOG.info("seed {}: {} (filter set, document) pairs checked, {} filter matches expected",
        seed, pairs, matchingPairs);
    assertThat(pairs).as(context()).isGreaterThanOrEqualTo(MIN_PAIRS);
    assertThat(engine.indexes()).as(context()).isEmpty();
    FilterEngineStats stats = engine.stats();
    assertThat(stats).as(context()).isEqualTo(new FilterEngineStats(0, 0, 0, 0, 0));
  }

  private void checkFilterSet(String index, RandomFilters generator, Random random) {
    generator.refocus();
    List<Registration> live = new ArrayList<>();
    int filterCount = 1 + random.nextInt(20);
    for (int i = 0; i < filterCount; i++) {
      live.add(register(index, json(generator.filter()), random.nextInt(3)));
    }
    List<Doc> docs = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS_PER_SET; i++) {
      String json = json(generator.document());
      docs.add(new Doc(json, ReferenceEvaluator.asMap(ReferenceEvaluator.readJson(json))));
    }
    checkAll(index, live, docs);

    // The same filter registered twice, then removed once, is still there.
    Registration twice = live.get(random.nextInt(live.size()));
    Registration again = register(index, twice.json(), random.nextInt(3));
    assertThat(again.id()).as(context() + "\nid of the same filter registered again: " + twice.json())
        .isEqualTo(twice.id());
    remove(index, again);
    assertThat(engine.contains(index, twice.id()))
        .as(context() + "\nfilter registered twice and removed once: " + twice.json()).isTrue();
    checkAll(index, live, docs.subList(0, 6));

    // Remove a random subset of the registrations.
    List<Registration> kept = new ArrayList<>();
    for (Registration r : live) {
      if (random.nextBoolean()) {
        remove(index, r);
      } else {
        kept.add(r);
      }
    }
    checkAll(index, kept, docs);

    for (Registration r : kept) {
      remove(index, r);
    }
    for (Registration r : live) {
      assertThat(engine.contains(index, r.id())).as(context() + "\nremoved filter " + r.json()).isFalse();
    }
    assertThat(engine.filterIds(index)).as(context() + "\nindex " + index + " after removing all").isEmpty();
    assertThat(engine.indexes()).as(context() + "\nindexes after removing all of " + index).doesNotContain(index);
  }

  private void checkAll(String index, List<Registration> live, List<Doc> docs) {
    for (int i = 0; i < docs.size(); i++) {
      check(index, live, docs.get(i), i % 3);
    }
  }

  private void check(String index, List<Registration> live, Doc doc, int form) {
    Map<String, Boolean> expectedById = new LinkedHashMap<>();
    Map<String, List<Registration>> filtersById = new LinkedHashMap<>();
    for (Registration r : live) {
      boolean matches = ReferenceEvaluator.matches(r.tree(), doc.tree());
      Boolean previous = expectedById.put(r.id(), matches);
      filtersById.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
      if (previous != null && previous != matches) {
        fail(context() + "\nThe engine gave one id to filters the reference tells apart on document "
            + doc.json() + ":\n  " + describe(filtersById.get(r.id()), doc));
      }
    }
    Set<String> expected = new TreeSet<>();
    expectedById.forEach((id, matches) -> {
      if (matches) {
        expected.add(id);
      }
    });

    List<String> answer;
    String given;
    try {
      switch (form) {
        case 0:
          given = "a Map";
          answer = engine.match(index, ReferenceEvaluator.asMap(javaValues(doc.tree())));
          break;
        case 1:
          given = "Document.parse(text)";
          answer = engine.match(index, Document.parse(doc.json()));
          break;
        default:
          given = "JSON bytes";
          answer = engine.match(index, doc.json().getBytes(StandardCharsets.UTF_8));
          break;
      }
    } catch (RuntimeException e) {
      throw new AssertionError(context() + "\nmatch threw on document " + doc.json()
          + " against filters:\n  " + describe(live, doc), e);
    }
    Set<String> actual = new TreeSet<>(answer);
    pairs++;
    matchingPairs += expected.size();
    if (actual.size() != answer.size()) {
      fail(context() + "\nmatch returned an id twice: " + answer + " for document " + doc.json());
    }
    if (!actual.equals(expected)) {
      StringBuilder message = new StringBuilder(context())
          .append("\nEngine and reference disagree on document (given as ").append(given).append("): ")
          .append(doc.json());
      for (Map.Entry<String, List<Registration>> e : filtersById.entrySet()) {
        boolean engineSays = actual.contains(e.getKey());
        boolean referenceSays = expected.contains(e.getKey());
        if (engineSays != referenceSays) {
          message.append("\n  filter ").append(e.getValue().get(0).json())
              .append("\n    engine: ").append(engineSays ? "matches" : "does not match")
              .append(", reference: ").append(referenceSays ? "matches" : "does not match");
        }
      }
      Set<String> unknown = new HashSet<>(actual);
      unknown.removeAll(filtersById.keySet());
      if (!unknown.isEmpty()) {
        message.append("\n  engine also returned ids of no live filter: ").append(unknown);
      }
      message.append("\n  (").append(live.size()).append(" registrations live in index ").append(index).append(")");
      fail(message.toString());
    }
  }

  /** Registers a filter given as JSON text, as bytes or as a Map, in rotation. */
  private Registration register(String index, String json, int form) {
    Object tree = ReferenceEvaluator.readJson(json);
    try {
      String id;
      switch (form) {
        case 0:
          id = engine.register(index, json);
          break;
        case 1:
          id = engine.register(index, engine.parse(json.getBytes(StandardCharsets.UTF_8)));
          break;
        default:
          id = engine.register(index, engine.parse(ReferenceEvaluator.asMap(javaValues(tree))));
          break;
      }
      return new Registration(json, tree, id);
    } catch (RuntimeException e) {
      String given = form == 0 ? "text" : form == 1 ? "bytes" : "a Map";
      throw new AssertionError(context() + "\nthe engine refused a valid filter given as " + given + ": " + json, e);
    }
  }

  private void remove(String index, Registration r) {
    assertThat(engine.remove(index, r.id())).as(context() + "\nremoving " + r.json()).isTrue();
  }

  private String describe(List<Registration> filters, Doc doc) {
    StringBuilder out = new StringBuilder();
    for (Registration r : filters) {
      out.append(r.json()).append(" -> reference: ")
          .append(ReferenceEvaluator.matches(r.tree(), doc.tree()) ? "matches" : "does not match")
          .append("\n  ");
    }
    return out.toString();
  }

  private String context() {
    return "[seed " + seed + "; replay: " + replayCommand() + "]";
  }

  private String replayCommand() {
    return "mvn -pl core test -Dtest=FilterPropertyTest -Dherald.seed=" + seed;
  }

  private static long seed() {
    String property = System.getProperty("herald.seed");
    if (property != null && !property.isBlank()) {
      return Long.parseLong(property.trim());
    }
    return ThreadLocalRandom.current().nextLong();
  }

  private static String json(Object tree) {
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The same tree with the numbers a Java application would hold: a double for every literal with a
   * fraction or an exponent (so 1.0 stays a double next to the integer 1).
   */
  private static Object javaValues(Object tree) {
    if (tree instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ReferenceEvaluator.asMap(tree).forEach((k, v) -> out.put(k, javaValues(v)));
      return out;
    }
    if (tree instanceof List) {
      List<Object> out = new ArrayList<>();
      ReferenceEvaluator.asList(tree).forEach(v -> out.add(javaValues(v)));
      return out;
    }
    if (tree instanceof BigDecimal) {
      return ((BigDecimal) tree).doubleValue();
    }
    return tree;
  }
}
