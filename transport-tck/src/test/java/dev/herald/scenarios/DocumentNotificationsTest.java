package dev.herald.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tck.InMemoryClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every document notification of the seed, with its exact JSON, through the in-memory transport. */
class DocumentNotificationsTest {
  private final Scenario s = new Scenario();

  @AfterEach
  void close() {
    s.close();
  }

  /** The notification Kuzzle sends, every field present. */
  private Map<String, Object> expected(String channel, String requestId, String action, String event, String scope,
      String state, String id, Map<String, Object> source, List<String> updatedFields) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("_id", id);
    result.put("_source", source);
    if (updatedFields != null) {
      result.put("_updatedFields", updatedFields);
    }
    Map<String, Object> n = new HashMap<>();
    n.put("type", "document");
    n.put("status", 200L);
    n.put("requestId", requestId);
    n.put("timestamp", s.time.millis());
    n.put("volatile", Map.of("origin", "test"));
    n.put("index", "i");
    n.put("collection", "c");
    n.put("controller", "document");
    n.put("action", action);
    n.put("event", event);
    n.put("protocol", "http");
    n.put("scope", scope);
    n.put("state", state);
    n.put("node", "node-1");
    n.put("result", result);
    n.put("room", channel);
    return n;
  }

  @Test
  void createdDocumentsNotifyTheRoomsTheyMatch() {
    InMemoryClient adults = s.client();
    InMemoryClient minors = s.client();
    String channel = (String) s.subscribe(adults, "{\"range\":{\"age\":{\"gte\":18}}}", "").get("channel");
    s.subscribe(minors, "{\"range\":{\"age\":{\"lt\":18}}}", "");
    s.herald.documents().created(s.context("create-1"), "i", "c", "ada", Scenario.doc("{\"name\":\"Ada\",\"age\":36}"));
    assertThat(s.notification(adults)).isEqualTo(expected(channel, "create-1", "create", "write", "in", "done", "ada",
        Map.of("name", "Ada", "age", 36L), null));
    s.nothingFor(minors);
  }

  @Test
  void updatesNotifyInAndOutOfScope() {
    InMemoryClient c = s.client();
    String channel = (String) s.subscribe(c, "{\"equals\":{\"status\":\"open\"}}", "").get("channel");
    // Into scope, with the previous version given.
    s.herald.documents().updated(s.context("u-1"), "i", "c", "t1", Scenario.doc("{\"status\":\"open\",\"n\":1}"),
        Scenario.doc("{\"status\":\"draft\",\"n\":1}"), List.of("status"));
    assertThat(s.notification(c)).isEqualTo(expected(channel, "u-1", "update", "write", "in", "done", "t1",
        Map.of("status", "open", "n", 1L), List.of("status")));
    // Out of scope, without the previous version: the rooms it matched last time are remembered.
    s.herald.documents().updated(s.context("u-2"), "i", "c", "t1", Scenario.doc("{\"status\":\"closed\",\"n\":1}"),
        null, List.of("status"));
    assertThat(s.notification(c)).isEqualTo(expected(channel, "u-2", "update", "write", "out", "done", "t1",
        Map.of("status", "closed", "n", 1L), List.of("status")));
    // Still out: nothing.
    s.herald.documents().updated(s.context("u-3"), "i", "c", "t1", Scenario.doc("{\"status\":\"closed\",\"n\":2}"),
        null, List.of("n"));
    s.nothingFor(c);
  }

  @Test
  void replacementsAndDeletions() {
    InMemoryClient c = s.client();
    String channel = (String) s.subscribe(c, "{\"exists\":\"vip\"}", "").get("channel");
    s.herald.documents().created(s.context("c-1"), "i", "c", "d1", Scenario.doc("{\"vip\":true}"));
    s.notification(c);
    s.herald.documents().replaced(s.context("r-1"), "i", "c", "d1", Scenario.doc("{\"vip\":false,\"x\":1}"), null);
    assertThat(s.notification(c)).isEqualTo(expected(channel, "r-1", "replace", "write", "in", "done", "d1",
        Map.of("vip", false, "x", 1L), null));
    s.herald.documents().replaced(s.context("r-2"), "i", "c", "d1", Scenario.doc("{\"x\":2}"), null);
    assertThat(s.notification(c)).isEqualTo(expected(channel, "r-2", "replace", "write", "out", "done", "d1",
        Map.of("x", 2L), null));
    s.herald.documents().created(s.context("c-2"), "i", "c", "d2", Scenario.doc("{\"vip\":1}"));
    s.notification(c);
    s.herald.documents().deleted(s.context("del"), "i", "c", "d2", Scenario.doc("{\"vip\":1}"));
    assertThat(s.notification(c)).isEqualTo(expected(channel, "del", "delete", "delete", "out", "done", "d2",
        Map.of("vip", 1L), null));
  }

  @Test
  void pendingNotificationsReachOnlyChannelsThatAskedForThem() {
    InMemoryClient pending = s.client();
    InMemoryClient all = s.client();
    InMemoryClient done = s.client();
    String pendingChannel = (String) s.subscribe(pending, "{}", ",\"state\":\"pending\"").get("channel");
    String allChannel = (String) s.subscribe(all, "{}", ",\"state\":\"all\"").get("channel");
    s.subscribe(done, "{}", "");
    s.herald.documents().creating(s.context("p-1"), "i", "c", "n1", Scenario.doc("{\"a\":1}"));
    assertThat(s.notification(pending)).isEqualTo(expected(pendingChannel, "p-1", "create", "write", "in", "pending",
        "n1", Map.of("a", 1L), null));
    assertThat(s.notification(all)).isEqualTo(expected(allChannel, "p-1", "create", "write", "in", "pending", "n1",
        Map.of("a", 1L), null));
    s.nothingFor(done);
    s.herald.documents().replacing(s.context("p-2"), "i", "c", "n1", Scenario.doc("{\"a\":2}"));
    assertThat(s.notification(pending)).isEqualTo(expected(pendingChannel, "p-2", "replace", "write", "in", "pending",
        "n1", Map.of("a", 2L), null));
    s.herald.documents().deleting(s.context("p-3"), "i", "c", "n1", Scenario.doc("{\"a\":2}"));
    assertThat(s.notification(pending)).isEqualTo(expected(pendingChannel, "p-3", "delete", "delete", "out",
        "pending", "n1", Map.of("a", 2L), null));
    s.nothingFor(done);
    assertThat(s.notification(all).get("action")).isEqualTo("replace");
    assertThat(s.notification(all).get("action")).isEqualTo("delete");
  }

  @Test
  void scopeOptionsSelectChannels() {
    InMemoryClient in = s.client();
    InMemoryClient out = s.client();
    InMemoryClient none = s.client();
    s.subscribe(in, "{\"equals\":{\"k\":1}}", ",\"scope\":\"in\"");
    s.subscribe(out, "{\"equals\":{\"k\":1}}", ",\"scope\":\"out\"");
    s.subscribe(none, "{\"equals\":{\"k\":1}}", ",\"scope\":\"none\"");
    s.herald.documents().created(s.context("1"), "i", "c", "x", Scenario.doc("{\"k\":1}"));
    s.herald.documents().deleted(s.context("2"), "i", "c", "x", Scenario.doc("{\"k\":1}"));
    assertThat(s.notification(in).get("scope")).isEqualTo("in");
    s.nothingFor(in);
    assertThat(s.notification(out).get("scope")).isEqualTo("out");
    s.nothingFor(out);
    s.nothingFor(none);
  }

  @Test
  void publishNotifiesWithThePublisherRequest() {
    InMemoryClient subscriber = s.client();
    InMemoryClient publisher = s.client();
    String channel = (String) s.subscribe(subscriber, "{\"equals\":{\"topic\":\"news\"}}", "").get("channel");
    publisher.send("{\"controller\":\"realtime\",\"action\":\"publish\",\"index\":\"i\",\"collection\":\"c\","
        + "\"requestId\":\"pub-1\",\"_id\":\"m1\",\"volatile\":{\"sdkInstanceId\":\"abc\"},"
        + "\"body\":{\"topic\":\"news\",\"text\":\"hi\"},\"unknown\":\"ignored\"}");
    Map<String, Object> response = scenarioResponse(publisher);
    assertThat(response.get("result")).isEqualTo(Map.of("published", true));
    Map<String, Object> n = s.notification(subscriber);
    Map<String, Object> expected = expected(channel, "pub-1", "publish", "publish", "in", "done", "m1",
        Map.of("topic", "news", "text", "hi", "_kuzzle_info", Map.of("author", "-1", "createdAt", s.time.millis())),
        null);
    expected.put("volatile", Map.of("sdkInstanceId", "abc"));
    expected.put("controller", "realtime");
    expected.put("protocol", "websocket");
    assertThat(n).isEqualTo(expected);
    // Publications are not remembered: a later update out of scope notifies no one.
    s.herald.documents().updated(s.context("u"), "i", "c", "m1", Scenario.doc("{\"topic\":\"sports\"}"), null,
        List.of("topic"));
    s.nothingFor(subscriber);
  }

  private Map<String, Object> scenarioResponse(InMemoryClient c) {
    while (true) {
      var f = c.next();
      if (f.kind() == dev.herald.transport.OutboundFrame.Kind.RESPONSE) {
        return dev.herald.filter.Document.parse(f.json()).content();
      }
    }
  }

  @Test
  void documentsAreMatchedPerCollectionAndNotifiedOncePerChannel() {
    InMemoryClient c = s.client();
    String a = (String) s.subscribe(c, "{\"exists\":\"x\"}", "").get("channel");
    String b = (String) s.subscribe(c, "{\"exists\":\"x\"}", ",\"users\":\"all\"").get("channel");
    assertThat(a).isNotEqualTo(b);
    s.herald.documents().created(s.context("1"), "i", "other", "d", Scenario.doc("{\"x\":1}"));
    s.nothingFor(c);
    s.herald.documents().created(s.context("2"), "i", "c", "d", Scenario.doc("{\"x\":1}"));
    // One room, two channels (two option sets): one notification on each, as Kuzzle.
    assertThat(List.of(s.notification(c).get("room"), s.notification(c).get("room"))).containsExactlyInAnyOrder(a, b);
    s.nothingFor(c);
  }

  @Test
  void theOutCacheForgetsAfterItsTtl() {
    s.close();
    Scenario short_ = new Scenario(b -> b.documentCache(Duration.ofMinutes(5), 100));
    try {
      InMemoryClient c = short_.client();
      short_.subscribe(c, "{\"equals\":{\"s\":1}}", "");
      short_.herald.documents().created(short_.context("1"), "i", "c", "d", Scenario.doc("{\"s\":1}"));
      short_.notification(c);
      short_.advance(Duration.ofMinutes(4));
      short_.herald.documents().updated(short_.context("2"), "i", "c", "d", Scenario.doc("{\"s\":1,\"t\":1}"), null,
          List.of("t"));
      assertThat(short_.notification(c).get("scope")).isEqualTo("in");
      short_.advance(Duration.ofMinutes(6));
      short_.herald.documents().updated(short_.context("3"), "i", "c", "d", Scenario.doc("{\"s\":2}"), null,
          List.of("s"));
      short_.nothingFor(c); // forgotten: no "out"
    } finally {
      short_.close();
    }
  }
}
