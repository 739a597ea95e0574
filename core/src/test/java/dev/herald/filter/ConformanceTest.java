package dev.herald.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.herald.internal.json.JsonReader;
import dev.herald.internal.json.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the filter-language conformance corpus: every valid filter must match exactly the documents
 * marked, every invalid one must be refused with a message naming the offending keyword or field.
 * The corpus in the test resources is always run; the system property {@code herald.conformance.dir}
 * names one more directory whose {@code *.json} corpora are run too.
 */
class ConformanceTest {
  private static final String BUNDLED = "/conformance/filters.json";
  /** Koncorde's messages start with the offending path in quotes. */
  private static final Pattern PATH_PREFIX = Pattern.compile("^\"([^\"]*)\":");

  record Case(String source, int number, String group, String note, Object filter, Map<?, ?> options,
      String error, List<Map<?, ?>> docs) {
    String name() {
      return source + " #" + number + " [" + group + "] " + note;
    }
  }

  @Test
  void bundledCorpusLoadsEveryCase() throws IOException {
    byte[] json = bundled();
    List<Case> cases = load("filters.json", json);
    assertThat(cases).hasSize(declaredCases(json)).hasSizeGreaterThanOrEqualTo(174);
  }

  @TestFactory
  Stream<DynamicTest> corpus() throws IOException {
    List<Case> cases = new ArrayList<>(load("filters.json", bundled()));
    String dir = System.getProperty("herald.conformance.dir", "");
    if (!dir.isBlank()) {
      Path d = Path.of(dir);
      assertThat(d).as("herald.conformance.dir").isDirectory();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(d, "*.json")) {
        for (Path f : files) {
          byte[] json = Files.readAllBytes(f);
          List<Case> more = load(d.relativize(f).toString(), json);
          assertThat(more).as("cases loaded from " + f).hasSize(declaredCases(json));
          cases.addAll(more);
        }
      }
    }
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
  }

  private static void run(Case c) {
    FilterEngine.Builder b = FilterEngine.builder();
    if (c.options() != null && c.options().get("maxConditions") instanceof Number) {
      b.maxConditions(((Number) c.options().get("maxConditions")).intValue());
    }
    FilterEngine engine = b.build();
    String filterJson = JsonWriter.toText(c.filter());
    if (c.error() != null) {
      assertThatThrownBy(() -> engine.register("conformance", filterJson))
          .as("%s: %s must be refused (Koncorde: %s)", c.name(), filterJson, c.error())
          .isInstanceOf(FilterException.class)
          .satisfies(e -> {
            assertThat(e.getMessage()).isNotBlank();
            Matcher m = PATH_PREFIX.matcher(c.error());
            if (m.find()) {
              assertThat(e.getMessage()).as("the message names the offending keyword or field")
                  .startsWith("\"" + m.group(1) + "\":");
              assertThat(((FilterException) e).path()).isEqualTo(m.group(1));
            }
          });
      assertThat(engine.stats().filters()).isZero();
      return;
    }
    String id = engine.register("conformance", filterJson);
    assertThat(engine.contains("conformance", id)).isTrue();
    int i = 0;
    for (Map<?, ?> d : c.docs()) {
      Object doc = d.get("doc");
      boolean expected = (Boolean) d.get("matches");
      String docJson = JsonWriter.toText(doc);
      // Each document through one of the three input forms, in rotation.
      @SuppressWarnings("unchecked")
      List<String> ids = switch (i++ % 3) {
        case 0 -> engine.match("conformance", docJson);
        case 1 -> engine.match("conformance", (Map<String, ?>) doc);
        default -> engine.match("conformance", docJson.getBytes(StandardCharsets.UTF_8));
      };
      assertThat(ids).as("%s: filter %s on document %s", c.name(), filterJson, docJson)
          .isEqualTo(expected ? List.of(id) : List.of());
    }
  }

  private static byte[] bundled() throws IOException {
    try (InputStream in = ConformanceTest.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        fail("missing test resource " + BUNDLED);
      }
      return in.readAllBytes();
    }
  }

  /** Cases in the file, counted by a plain JSON read independent of {@link #load}. */
  private static int declaredCases(byte[] json) {
    Object tree = new JsonReader(64, false).read(json);
    return ((List<?>) ((Map<?, ?>) tree).get("cases")).size();
  }

  private static List<Case> load(String source, byte[] json) {
    Map<?, ?> root = (Map<?, ?>) new JsonReader(64, false).read(json);
    List<Case> out = new ArrayList<>();
    int n = 0;
    for (Object o : (List<?>) root.get("cases")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) o;
      n++;
      assertThat(c).as("case %d of %s", n, source).containsKeys("filter", "error", "docs");
      @SuppressWarnings("unchecked")
      List<Map<?, ?>> docs = (List<Map<?, ?>>) c.get("docs");
      out.add(new Case(source, n, String.valueOf(c.get("group")), String.valueOf(c.get("note")),
          c.get("filter"), (Map<?, ?>) c.get("engineOptions"), (String) c.get("error"), docs));
    }
    return out;
  }
}
