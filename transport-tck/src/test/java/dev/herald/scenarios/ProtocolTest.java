package dev.herald.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.auth.Authorizer;
import dev.herald.auth.Identity;
import dev.herald.tck.InMemoryClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests, responses and errors in Kuzzle's shapes; bad input never breaks anything. */
class ProtocolTest {
  private Scenario s = new Scenario();

  @AfterEach
  void close() {
    s.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> error(Map<String, Object> response) {
    return (Map<String, Object>) response.get("error");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(Map<String, Object> response) {
    return (Map<String, Object>) response.get("result");
  }

  private void assertError(Map<String, Object> response, long status, String id, long code) {
    assertThat(response.get("status")).as("%s", response).isEqualTo(status);
    assertThat(response.get("result")).isNull();
    assertThat(error(response)).containsEntry("status", status).containsEntry("id", id).containsEntry("code", code)
        .containsKeys("message", "props");
    assertThat((String) error(response).get("message")).isNotBlank();
  }

  private Map<String, Object> subscribeRequest(InMemoryClient c, String extra) {
    return s.request(c, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"requestId\":\"r\"" + extra + "}");
  }

  @Test
  void responsesEchoTheEnvelope() {
    InMemoryClient c = s.client();
    Map<String, Object> r = s.request(c, "{\"controller\":\"server\",\"action\":\"now\",\"requestId\":\"abc\","
        + "\"volatile\":{\"sdkName\":\"js@7\"},\"index\":\"x\",\"collection\":\"y\",\"whatever\":[1,2]}");
    Map<String, Object> expected = new java.util.HashMap<>();
    expected.put("requestId", "abc");
    expected.put("status", 200L);
    expected.put("error", null);
    expected.put("controller", "server");
    expected.put("action", "now");
    expected.put("index", "x");
    expected.put("collection", "y");
    expected.put("volatile", Map.of("sdkName", "js@7"));
    expected.put("node", "node-1");
    expected.put("result", Map.of("now", s.time.millis()));
    assertThat(r).isEqualTo(expected);
  }

  @Test
  void aRequestWithoutIdGetsOne() {
    InMemoryClient c = s.client();
    Map<String, Object> r = s.request(c, "{\"controller\":\"server\",\"action\":\"now\"}");
    assertThat((String) r.get("requestId")).matches("[0-9a-f-]{36}");
  }

  @Test
  void subscribeValidatesEveryOptionBeforeCreatingAnything() {
    InMemoryClient c = s.client();
    String valid = ",\"index\":\"i\",\"collection\":\"c\",\"body\":{}";
    assertError(subscribeRequest(c, valid + ",\"scope\":\"sideways\""), 400, "core.realtime.invalid_scope", 0x00010004);
    assertError(subscribeRequest(c, valid + ",\"users\":null"), 400, "core.realtime.invalid_users", 0x00010005);
    assertError(subscribeRequest(c, valid + ",\"state\":\"later\""), 400, "core.realtime.invalid_state", 0x00010003);
    assertError(subscribeRequest(c, ",\"collection\":\"c\",\"body\":{}"), 400, "api.assert.missing_argument",
        0x02010003);
    assertError(subscribeRequest(c, ",\"index\":\"i\",\"collection\":\"c\""), 400, "api.assert.body_required",
        0x02010008);
    assertError(subscribeRequest(c, ",\"index\":\"I\",\"collection\":\"c\",\"body\":{}"), 400,
        "api.assert.invalid_argument", 0x02010002);
    assertError(subscribeRequest(c, ",\"index\":\"a/b\",\"collection\":\"c\",\"body\":{}"), 400,
        "api.assert.invalid_argument", 0x02010002);
    Map<String, Object> dsl = subscribeRequest(c, ",\"index\":\"i\",\"collection\":\"c\",\"body\":{\"range\":{\"a\":{\"gt\":\"x\"}}}");
    assertError(dsl, 400, "api.assert.koncorde_dsl_error", 0x0201000e);
    assertThat((String) error(dsl).get("message")).startsWith("\"range.a.gt\":");
    assertThat(s.herald.stats().rooms()).isZero();
    assertThat(s.herald.stats().channels()).isZero();
  }

  @Test
  void realtimeErrors() {
    InMemoryClient c = s.client();
    assertError(s.request(c, "{\"controller\":\"realtime\",\"action\":\"unsubscribe\",\"body\":{\"roomId\":\"nope\"}}"),
        412, "core.realtime.not_subscribed", 0x00010008);
    assertError(s.request(c, "{\"controller\":\"realtime\",\"action\":\"unsubscribe\",\"body\":{}}"), 400,
        "api.assert.missing_argument", 0x02010003);
    assertError(s.request(c, "{\"controller\":\"realtime\",\"action\":\"join\",\"body\":{\"roomId\":\"nope\"}}"), 404,
        "core.realtime.room_not_found", 0x00010001);
    assertThat(result(s.request(c, "{\"controller\":\"realtime\",\"action\":\"count\",\"body\":{\"roomId\":\"nope\"}}")))
        .isEqualTo(Map.of("count", 0L));
    assertError(s.request(c, "{\"controller\":\"realtime\",\"action\":\"fly\"}"), 404, "api.process.action_not_found",
        0x02020005);
    assertError(s.request(c, "{\"controller\":\"document\",\"action\":\"create\"}"), 404,
        "api.process.action_not_found", 0x02020005);
    assertError(s.request(c, "{\"action\":\"now\"}"), 400, "api.assert.missing_argument", 0x02010003);
    assertError(s.request(c, "{\"controller\":\"server\",\"action\":\"now\",\"volatile\":[1]}"), 400,
        "api.assert.invalid_type", 0x02010001);
    assertError(s.request(c, "[1,2]"), 400, "api.assert.invalid_argument", 0x02010002);
    assertError(s.request(c, "{\"controller\":\"server\",\"action\":\"now\"} {}"), 400, "api.assert.invalid_argument",
        0x02010002);
    assertThat(result(s.request(c, "{\"controller\":\"realtime\",\"action\":\"validate\",\"index\":\"i\","
        + "\"collection\":\"c\",\"body\":{\"a\":1}}"))).isEqualTo(Map.of("valid", true));
    assertThat(result(s.request(c, "{\"controller\":\"realtime\",\"action\":\"list\"}"))).isEmpty();
  }

  @Test
  void limitsGiveKuzzleErrors() {
    s.close();
    s = new Scenario(b -> b.maxRooms(2).maxSubscriptionsPerConnection(3).maxRequestSize(2000).maxDepth(8)
        .maxConditions(3));
    InMemoryClient c = s.client();
    InMemoryClient d = s.client();
    s.subscribe(c, "{\"equals\":{\"a\":1}}", "");
    s.subscribe(c, "{\"equals\":{\"a\":2}}", "");
    assertError(s.request(d, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\",\"collection\":\"c\","
        + "\"body\":{\"equals\":{\"a\":3}}}"), 413, "core.realtime.too_many_rooms", 0x00010007);
    // An existing room is no new room.
    s.subscribe(d, "{\"equals\":{\"a\":1}}", "");
    s.subscribe(d, "{\"equals\":{\"a\":2}}", "");
    s.subscribe(d, "{\"equals\":{\"a\":2}}", ",\"scope\":\"in\"");
    assertThat(s.herald.stats().rooms()).isEqualTo(2);

    s.close();
    s = new Scenario(b -> b.maxSubscriptionsPerConnection(2).maxRequestSize(2000).maxDepth(8).maxConditions(3));
    InMemoryClient e = s.client();
    s.subscribe(e, "{\"equals\":{\"a\":1}}", "");
    s.subscribe(e, "{\"equals\":{\"a\":2}}", "");
    assertError(s.request(e, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\",\"collection\":\"c\","
        + "\"body\":{\"equals\":{\"a\":3}}}"), 413, "core.realtime.too_many_subscriptions", 0x00010101);
    assertError(s.request(e, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\",\"collection\":\"c\","
        + "\"body\":{\"in\":{\"a\":[1,2,3,4]}}}"), 400, "api.assert.koncorde_dsl_error", 0x0201000e);
    assertError(s.request(e, "{\"controller\":\"server\",\"action\":\"now\",\"pad\":\"" + "x".repeat(3000) + "\"}"),
        413, "api.assert.request_too_large", 0x02010101);
    assertError(s.request(e, "{\"controller\":\"server\",\"action\":\"now\",\"deep\":" + "[".repeat(20) + "]".repeat(20)
        + "}"), 400, "api.assert.too_deep", 0x02010102);
    assertError(s.request(e, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\",\"collection\":\"c\","
        + "\"body\":" + "{\"not\":".repeat(8) + "{\"exists\":\"a\"}" + "}".repeat(8) + "}"), 400, "api.assert.too_deep",
        0x02010102);
    assertThat(s.herald.stats().subscriptions()).isEqualTo(2);
  }

  @Test
  void checkTokenReallyVerifies() {
    InMemoryClient c = s.client();
    String token = s.tokens.sign("alice", Duration.ofMinutes(1));
    assertThat(result(s.request(c, "{\"controller\":\"auth\",\"action\":\"checkToken\",\"body\":{\"token\":\"" + token
        + "\"}}"))).isEqualTo(Map.of("valid", true, "state", "Token is valid", "kuid", "alice",
        "expiresAt", s.time.millis() + 60_000));
    assertThat(result(s.request(c, "{\"controller\":\"auth\",\"action\":\"checkToken\",\"body\":{}}")))
        .containsEntry("valid", false);
    assertThat(result(s.request(c, "{\"controller\":\"auth\",\"action\":\"checkToken\",\"body\":{\"token\":\"x.y.z\"}}")))
        .containsEntry("valid", false).containsEntry("state", "Invalid token.");
    s.advance(Duration.ofMinutes(2));
    assertThat(result(s.request(c, "{\"controller\":\"auth\",\"action\":\"checkToken\",\"body\":{\"token\":\"" + token
        + "\"}}"))).containsEntry("valid", false).containsEntry("state", "Token expired");
    assertError(s.request(c, "{\"controller\":\"server\",\"action\":\"now\",\"jwt\":\"forged\"}"), 401,
        "security.token.invalid", 0x07010001);
  }

  @Test
  void theAuthorizerDecidesWhoSubscribesAndPublishes() {
    s.close();
    s = new Scenario(b -> b.authorizer(new Authorizer() {
      @Override
      public boolean canSubscribe(Identity who, String index, String collection) {
        return !who.isAnonymous() && !collection.equals("secret");
      }

      @Override
      public boolean canPublish(Identity who, String index, String collection) {
        return who.kuid().equals("admin");
      }
    }));
    InMemoryClient c = s.client();
    String alice = s.tokens.sign("alice", Duration.ofHours(1));
    assertError(s.request(c, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\",\"collection\":\"c\","
        + "\"body\":{}}"), 401, "security.rights.unauthorized", 0x07030001);
    assertThat(s.request(c, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\",\"collection\":\"c\","
        + "\"body\":{},\"jwt\":\"" + alice + "\"}").get("status")).isEqualTo(200L);
    Map<String, Object> forbidden = s.request(c, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\","
        + "\"collection\":\"secret\",\"body\":{},\"jwt\":\"" + alice + "\"}");
    assertError(forbidden, 403, "security.rights.forbidden", 0x07030002);
    assertThat(error(forbidden).get("props")).isEqualTo(List.of("realtime", "subscribe", "alice"));
    assertError(s.request(c, "{\"controller\":\"realtime\",\"action\":\"publish\",\"index\":\"i\",\"collection\":\"c\","
        + "\"body\":{},\"jwt\":\"" + alice + "\"}"), 403, "security.rights.forbidden", 0x07030002);
    // list shows only what the user may subscribe to.
    assertThat(result(s.request(c, "{\"controller\":\"realtime\",\"action\":\"list\"}"))).isEmpty();
    assertThat(result(s.request(c, "{\"controller\":\"realtime\",\"action\":\"list\",\"jwt\":\"" + alice + "\"}")))
        .containsOnlyKeys("i");
  }

  @Test
  void hostActionsRunWithTheRequestAndTheirErrorsAreKuzzleShaped() {
    s.close();
    s = new Scenario(b -> b
        .action("document", "get", r -> Map.of("_id", r.id(), "who", r.identity().kuid(), "arg", r.arg("refresh")))
        .action("document", "fail", r -> {
          throw new dev.herald.api.ApiException(404, "services.storage.not_found", 0x01010007, "Document \"x\" not found",
              List.of("x"));
        })
        .action("document", "crash", r -> {
          throw new IllegalStateException("boom");
        }));
    InMemoryClient c = s.client();
    assertThat(result(s.request(c, "{\"controller\":\"document\",\"action\":\"get\",\"_id\":\"d1\",\"refresh\":\"wait_for\"}")))
        .isEqualTo(Map.of("_id", "d1", "who", "-1", "arg", "wait_for"));
    assertError(s.request(c, "{\"controller\":\"document\",\"action\":\"fail\"}"), 404, "services.storage.not_found",
        0x01010007);
    assertError(s.request(c, "{\"controller\":\"document\",\"action\":\"crash\"}"), 500, "core.fatal.unexpected_error",
        1);
  }

  @Test
  void garbageNeverBreaksTheConnection() {
    InMemoryClient c = s.client();
    for (String garbage : new String[] {"", " ", "null", "42", "\"s\"", "{", "}", "{\"controller\":1}",
        "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\",\"collection\":\"c\",\"body\":[1]}",
        "{\"controller\":\"realtime\",\"action\":\"publish\",\"index\":\"i\",\"collection\":\"c\",\"body\":\"x\"}",
        "\u0000\u0001", "{\"requestId\":{\"a\":1},\"controller\":\"server\",\"action\":\"now\"}"}) {
      Map<String, Object> r = s.request(c, garbage);
      assertThat(r.get("status")).as(garbage).isIn(200L, 400L);
    }
    assertThat(s.request(c, "{\"controller\":\"server\",\"action\":\"now\"}").get("status")).isEqualTo(200L);
  }
}
