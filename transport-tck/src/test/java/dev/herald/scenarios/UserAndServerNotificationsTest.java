package dev.herald.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tck.InMemoryClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** User notifications (subscribe, join, unsubscribe, disconnect) and TokenExpired, with exact JSON. */
class UserAndServerNotificationsTest {
  private final Scenario s = new Scenario();

  @AfterEach
  void close() {
    s.close();
  }

  private Map<String, Object> user(String channel, String user, String action, Map<String, Object> volatileData,
      long count) {
    Map<String, Object> n = new HashMap<>();
    n.put("type", "user");
    n.put("status", 200L);
    n.put("user", user);
    n.put("timestamp", s.time.millis());
    n.put("volatile", volatileData);
    n.put("index", "i");
    n.put("collection", "c");
    n.put("controller", "realtime");
    n.put("action", action);
    n.put("protocol", "websocket");
    n.put("node", "node-1");
    n.put("result", Map.of("count", count));
    n.put("room", channel);
    return n;
  }

  @Test
  void usersEnteringAndLeavingWithTheirVolatileAndCounts() {
    InMemoryClient watcher = s.client();
    InMemoryClient inOnly = s.client();
    InMemoryClient outOnly = s.client();
    InMemoryClient guest = s.client();
    String all = (String) s.subscribe(watcher, "{\"exists\":\"a\"}", ",\"users\":\"all\"").get("channel");
    String in = (String) s.subscribe(inOnly, "{\"exists\":\"a\"}", ",\"users\":\"in\"").get("channel");
    assertThat(s.notification(watcher)).isEqualTo(user(all, "in", "subscribe", null, 2));
    String out = (String) s.subscribe(outOnly, "{\"exists\":\"a\"}", ",\"users\":\"out\"").get("channel");
    assertThat(s.notification(watcher)).isEqualTo(user(all, "in", "subscribe", null, 3));
    assertThat(s.notification(inOnly)).isEqualTo(user(in, "in", "subscribe", null, 3));

    Map<String, Object> guestVolatile = Map.of("name", "guest", "n", 7L);
    s.subscribe(guest, "{\"exists\":\"a\"}", ",\"volatile\":{\"name\":\"guest\",\"n\":7}");
    assertThat(s.notification(watcher)).isEqualTo(user(all, "in", "subscribe", guestVolatile, 4));
    assertThat(s.notification(inOnly)).isEqualTo(user(in, "in", "subscribe", guestVolatile, 4));
    s.nothingFor(outOnly);
    s.nothingFor(guest); // never told about itself

    // Subscribing again to the same room (other options) adds a channel, not a user.
    s.subscribe(guest, "{\"exists\":\"a\"}", ",\"scope\":\"in\",\"volatile\":{\"other\":1}");
    s.nothingFor(watcher);

    String roomId = (String) s.subscribe(guest, "{\"exists\":\"a\"}", "").get("roomId");
    Map<String, Object> r = s.request(guest, "{\"controller\":\"realtime\",\"action\":\"unsubscribe\","
        + "\"requestId\":\"u\",\"body\":{\"roomId\":\"" + roomId + "\"}}");
    assertThat(r.get("result")).isEqualTo(Map.of("roomId", roomId));
    // The volatile of its first subscription, as Kuzzle.
    assertThat(s.notification(watcher)).isEqualTo(user(all, "out", "unsubscribe", guestVolatile, 3));
    assertThat(s.notification(outOnly)).isEqualTo(user(out, "out", "unsubscribe", guestVolatile, 3));
    s.nothingFor(inOnly);

    // A disconnection is an "unsubscribe" too, and cleans up exactly once.
    inOnly.disconnect();
    inOnly.disconnect();
    assertThat(s.notification(watcher)).isEqualTo(user(all, "out", "unsubscribe", null, 2));
    assertThat(s.notification(outOnly)).isEqualTo(user(out, "out", "unsubscribe", null, 2));
    s.nothingFor(watcher);
    assertThat(s.herald.count(roomId)).isEqualTo(2);
    assertThat(s.herald.stats().subscriptions()).isEqualTo(2);
  }

  @Test
  void joinEntersAnExistingRoomByItsId() {
    InMemoryClient first = s.client();
    InMemoryClient second = s.client();
    Map<String, Object> sub = s.subscribe(first, "{\"equals\":{\"k\":1}}", ",\"users\":\"all\"");
    Map<String, Object> r = s.request(second, "{\"controller\":\"realtime\",\"action\":\"join\",\"requestId\":\"j\","
        + "\"users\":\"in\",\"volatile\":{\"via\":\"join\"},\"body\":{\"roomId\":\"" + sub.get("roomId") + "\"}}");
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) r.get("result");
    assertThat(result.get("roomId")).isEqualTo(sub.get("roomId"));
    assertThat((String) result.get("channel")).startsWith(sub.get("roomId") + "-").isNotEqualTo(sub.get("channel"));
    assertThat(s.notification(first)).isEqualTo(user((String) sub.get("channel"), "in", "join", Map.of("via", "join"),
        2));
    s.herald.documents().created(s.context("c"), "i", "c", "d", Scenario.doc("{\"k\":1}"));
    assertThat(s.notification(second).get("room")).isEqualTo(result.get("channel"));
  }

  @Test
  void tokenExpiryTellsTheConnectionOnEachChannelAndDropsItsSubscriptions() {
    InMemoryClient watcher = s.client();
    InMemoryClient user = s.client();
    String watch = (String) s.subscribe(watcher, "{}", ",\"users\":\"out\"").get("channel");
    String token = s.tokens.sign("alice", Duration.ofSeconds(10));
    Map<String, Object> a = request(user, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\","
        + "\"collection\":\"c\",\"requestId\":\"s1\",\"jwt\":\"" + token + "\",\"body\":{}}");
    Map<String, Object> b = request(user, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\","
        + "\"collection\":\"c\",\"requestId\":\"s2\",\"jwt\":\"" + token + "\",\"body\":{\"exists\":\"x\"}}");
    s.advance(Duration.ofSeconds(9));
    s.nothingFor(user);
    s.advance(Duration.ofSeconds(1));
    Map<String, Object> expired = new HashMap<>();
    expired.put("type", "TokenExpired");
    expired.put("status", 200L);
    expired.put("info", "This is an automated server notification");
    expired.put("message", "Authentication Token Expired");
    expired.put("node", "node-1");
    for (String channel : new String[] {channelOf(a), channelOf(b), "kuzzle:notification:server"}) {
      Map<String, Object> e = new HashMap<>(expired);
      e.put("room", channel);
      assertThat(s.notification(user)).isEqualTo(e);
    }
    s.nothingFor(user);
    assertThat(s.notification(watcher)).isEqualTo(user(watch, "out", "unsubscribe", null, 1));
    assertThat(s.herald.stats().subscriptions()).isEqualTo(1);
    // The connection stays open; its expired token is refused, other requests still work.
    Map<String, Object> again = s.request(user, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\","
        + "\"collection\":\"c\",\"requestId\":\"s3\",\"jwt\":\"" + token + "\",\"body\":{}}");
    assertThat(error(again)).containsEntry("id", "security.token.expired").containsEntry("status", 401L);
    assertThat(s.request(user, "{\"controller\":\"server\",\"action\":\"now\"}").get("status")).isEqualTo(200L);
  }

  @Test
  void aRefreshedTokenMovesTheExpiry() {
    InMemoryClient user = s.client();
    String first = s.tokens.sign("bob", Duration.ofSeconds(10));
    request(user, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\",\"collection\":\"c\","
        + "\"requestId\":\"s1\",\"jwt\":\"" + first + "\",\"body\":{}}");
    s.advance(Duration.ofSeconds(5));
    String second = s.tokens.sign("bob", Duration.ofSeconds(60));
    assertThat(s.request(user, "{\"controller\":\"server\",\"action\":\"now\",\"jwt\":\"" + second + "\"}")
        .get("status")).isEqualTo(200L);
    s.advance(Duration.ofSeconds(30));
    s.nothingFor(user);
    assertThat(s.herald.stats().subscriptions()).isEqualTo(1);
    s.advance(Duration.ofSeconds(30));
    assertThat(s.notification(user).get("type")).isEqualTo("TokenExpired");
  }

  private Map<String, Object> request(InMemoryClient c, String json) {
    Map<String, Object> r = s.request(c, json);
    assertThat(r.get("status")).as("%s", r).isEqualTo(200L);
    return r;
  }

  @SuppressWarnings("unchecked")
  private static String channelOf(Map<String, Object> response) {
    return (String) ((Map<String, Object>) response.get("result")).get("channel");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> error(Map<String, Object> response) {
    return (Map<String, Object>) response.get("error");
  }
}
