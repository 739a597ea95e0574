package dev.herald.examples.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  private static String of(String json) {
    return RequestIds.of(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheTopLevelRequestIdOnly() {
    assertThat(of("{\"body\":{\"requestId\":\"inner\"},\"requestId\":\"outer\"}")).isEqualTo("outer");
    assertThat(of("{\"body\":[{\"requestId\":\"inner\"}]}")).isNull();
    assertThat(of("{\"requestId\":\"é\\\"x\"}")).isEqualTo("é\"x");
  }

  @Test
  void noStringRequestIdOrNoJsonGivesNull() {
    assertThat(of("{\"requestId\":12}")).isNull();
    assertThat(of("{\"controller\": \"server\", oops")).isNull();
    assertThat(of("[\"requestId\"]")).isNull();
    assertThat(of("")).isNull();
  }
}
