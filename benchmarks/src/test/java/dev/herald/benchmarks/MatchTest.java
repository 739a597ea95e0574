package dev.herald.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MatchTest {
  private static String run(String input) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Match.run(input.getBytes(StandardCharsets.UTF_8), out);
    return out.toString(StandardCharsets.UTF_8).trim();
  }

  @Test
  void reportsErrorsAndSortedMatchesPerDocument() throws Exception {
    String out = run("{\"filters\":{"
        + "\"z_in\":{\"in\":{\"color\":[\"red\",\"blue\"]}},"
        + "\"a_not\":{\"not\":{\"equals\":{\"color\":\"red\"}}},"
        + "\"bad\":{\"equals\":{\"color\":[1]}},"
        + "\"m_all\":{}},"
        + "\"docs\":[{\"color\":\"red\"},{\"color\":\"green\"},{}]}");
    assertThat(out).isEqualTo("{\"errors\":{\"bad\":\"\\\"equals.color\\\": must either be a string, a number, a boolean, or null\"},"
        + "\"matches\":[[\"m_all\",\"z_in\"],[\"a_not\",\"m_all\"],[\"a_not\",\"m_all\"]]}");
  }

  @Test
  void filtersDoNotInfluenceEachOther() throws Exception {
    // Two filters sharing a condition, and equivalent filters under two names: each is alone.
    String out = run("{\"filters\":{\"a\":{\"equals\":{\"x\":1}},\"b\":{\"equals\":{\"x\":1.0}},"
        + "\"c\":{\"and\":[{\"equals\":{\"x\":1}},{\"exists\":\"y\"}]}},\"docs\":[{\"x\":1},{\"x\":1,\"y\":0}]}");
    assertThat(out).isEqualTo("{\"errors\":{},\"matches\":[[\"a\",\"b\"],[\"a\",\"b\",\"c\"]]}");
  }

  @Test
  void honoursMaxConditionsAndReportsBadDocuments() throws Exception {
    String out = run("{\"options\":{\"maxConditions\":2},\"filters\":{\"f\":{\"in\":{\"a\":[1,2,3]}}},"
        + "\"docs\":[[1],{\"a\":1}]}");
    assertThat(out).startsWith("{\"errors\":{\"f\":\"Filter too complex")
        .contains("\"matches\":[null,[]]").contains("\"docErrors\":{\"0\":");
  }
}
