package dev.herald.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.Herald;
import dev.herald.filter.Document;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test suite every transport runs against itself, to prove it routes responses and
 * notifications correctly: extend it in the transport's tests and implement {@link #start}, which
 * puts the transport in front of the given Herald and lets the kit open client sessions speaking
 * the transport's protocol.
 *
 * <p>A session reports each message with its route (where the transport sent it: the WebSocket
 * {@code room} member, the Socket.IO event, the MQTT topic) and its JSON without transport-specific
 * members. The kit checks that a response goes to its request id, a notification to its channel,
 * that errors are routed too, that bad input gets an error, that only subscribers are notified, in
 * order, and that a disconnection cleans up.
 */
public abstract class TransportTestKit {
  /** How long the kit waits for a message that must come. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** How long the kit waits to be sure a message does not come. */
  protected static final Duration QUIET = Duration.ofMillis(300);

  /** A transport running in front of a Herald. */
  public interface Fixture extends AutoCloseable {
    /** Opens a client session, connected when this returns. */
    Session connect() throws Exception;
  }

  /** One client of the transport. */
  public interface Session extends AutoCloseable {
    /** Sends one request frame (JSON text) as the transport's clients do. */
    void send(String requestJson) throws Exception;

    /** The next message received, or null when none came within {@code timeout}. */
    Received receive(Duration timeout) throws Exception;
  }

  /**
   * A message a client received.
   *
   * @param route where the transport routed it (request id of a response, channel of a notification)
   * @param json the message without routing members
   */
  public record Received(String route, Map<String, Object> json) {
    public static Received of(String route, byte[] json) {
      return new Received(route, Document.parse(json).content());
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> result() {
      return (Map<String, Object>) json.get("result");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> error() {
      return (Map<String, Object>) json.get("error");
    }
  }

  /** Puts the transport under test in front of {@code herald}; the kit closes both afterwards. */
  protected abstract Fixture start(Herald herald) throws Exception;

  private Herald herald;
  private Fixture fixture;
  private final List<Session> sessions = new ArrayList<>();

  @BeforeEach
  void startTransport() throws Exception {
    herald = Herald.builder().action("test", "echo", r -> r.body()).build();
    fixture = start(herald);
  }

  @AfterEach
  void stopTransport() throws Exception {
    for (Session s : sessions) {
      try {
        s.close();
      } catch (Exception e) {
        // already closed by the test
      }
    }
    if (fixture != null) {
      fixture.close();
    }
    herald.close();
  }

  protected Herald herald() {
    return herald;
  }

  private Session connect() throws Exception {
    Session s = fixture.connect();
    sessions.add(s);
    return s;
  }

  private static Received next(Session s) throws Exception {
    Received r = s.receive(TIMEOUT);
    assertThat(r).as("a message within %s", TIMEOUT).isNotNull();
    return r;
  }

  /** Receives until a response to {@code requestId} comes; notifications met on the way are returned too. */
  private static Received response(Session s, String requestId, List<Received> others) throws Exception {
    while (true) {
      Received r = next(s);
      if (requestId.equals(r.json().get("requestId")) && r.json().containsKey("status")
          && !r.json().containsKey("type")) {
        return r;
      }
      others.add(r);
    }
  }

  /** Subscribes to every item; returns the result: {roomId, channel}. */
  private static Map<String, Object> subscribeResult(Session s, String requestId, String extra) throws Exception {
    s.send("{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"tck\",\"collection\":\"items\","
        + "\"body\":{},\"requestId\":\"" + requestId + "\"" + extra + "}");
    Received r = response(s, requestId, new ArrayList<>());
    assertThat(r.route()).isEqualTo(requestId);
    assertThat(r.json().get("status")).isEqualTo(200L);
    return r.result();
  }

  private static String subscribe(Session s, String requestId, String extra) throws Exception {
    return (String) subscribeResult(s, requestId, extra).get("channel");
  }

  private static void publish(Session s, String requestId, String body) throws Exception {
    s.send("{\"controller\":\"realtime\",\"action\":\"publish\",\"index\":\"tck\",\"collection\":\"items\","
        + "\"requestId\":\"" + requestId + "\",\"body\":" + body + "}");
  }

  @Test
  void responsesAreRoutedToTheirRequest() throws Exception {
    Session c = connect();
    c.send("{\"controller\":\"server\",\"action\":\"now\",\"requestId\":\"tck-now\"}");
    Received r = next(c);
    assertThat(r.route()).isEqualTo("tck-now");
    assertThat(r.json()).containsEntry("requestId", "tck-now").containsEntry("status", 200L)
        .containsEntry("error", null).containsEntry("controller", "server").containsEntry("action", "now");
    assertThat(r.result().get("now")).isInstanceOf(Long.class);
  }

  @Test
  void hostActionsAnswerThroughTheTransport() throws Exception {
    Session c = connect();
    c.send("{\"controller\":\"test\",\"action\":\"echo\",\"requestId\":\"tck-echo\",\"body\":{\"x\":[1,\"é\"]}}");
    Received r = next(c);
    assertThat(r.route()).isEqualTo("tck-echo");
    assertThat(r.result()).isEqualTo(Map.of("x", List.of(1L, "é")));
  }

  @Test
  void errorsAreRoutedToTheirRequestToo() throws Exception {
    Session c = connect();
    c.send("{\"controller\":\"nope\",\"action\":\"nothing\",\"requestId\":\"tck-404\"}");
    Received r = next(c);
    assertThat(r.route()).isEqualTo("tck-404");
    assertThat(r.json()).containsEntry("status", 404L);
    assertThat(r.error()).containsEntry("id", "api.process.action_not_found").containsEntry("status", 404L)
        .containsKeys("message", "code", "props");
  }

  @Test
  void malformedFramesGetAnErrorWithARoute() throws Exception {
    Session c = connect();
    c.send("{\"controller\": \"server\", oops");
    Received r = next(c);
    assertThat(r.json()).containsEntry("status", 400L);
    assertThat(r.route()).isNotBlank().isEqualTo(r.json().get("requestId"));
    // The connection still works.
    c.send("{\"controller\":\"server\",\"action\":\"now\",\"requestId\":\"tck-after\"}");
    assertThat(next(c).route()).isEqualTo("tck-after");
  }

  @Test
  void notificationsAreRoutedToTheirChannelAndOnlyToSubscribers() throws Exception {
    Session subscriber = connect();
    Session publisher = connect();
    String channel = subscribe(subscriber, "tck-sub", "");
    publish(publisher, "tck-pub", "{\"hello\":\"world\"}");
    Received ack = next(publisher);
    assertThat(ack.route()).isEqualTo("tck-pub");
    assertThat(ack.result()).containsEntry("published", true);
    Received n = next(subscriber);
    assertThat(n.route()).isEqualTo(channel);
    assertThat(n.json()).containsEntry("type", "document").containsEntry("action", "publish")
        .containsEntry("scope", "in").containsEntry("requestId", "tck-pub");
    @SuppressWarnings("unchecked")
    Map<String, Object> source = (Map<String, Object>) n.result().get("_source");
    assertThat(source).containsEntry("hello", "world");
    assertThat(publisher.receive(QUIET)).as("the publisher did not subscribe").isNull();
  }

  @Test
  void notificationsArriveInOrder() throws Exception {
    Session subscriber = connect();
    Session publisher = connect();
    String channel = subscribe(subscriber, "tck-order", "");
    for (int i = 0; i < 100; i++) {
      publish(publisher, "tck-p" + i, "{\"n\":" + i + "}");
    }
    for (int i = 0; i < 100; i++) {
      Received n = next(subscriber);
      assertThat(n.route()).isEqualTo(channel);
      @SuppressWarnings("unchecked")
      Map<String, Object> source = (Map<String, Object>) n.result().get("_source");
      assertThat(source.get("n")).isEqualTo((long) i);
    }
  }

  @Test
  void usersEnteringAndLeavingAreNotifiedAndDisconnectionCleansUp() throws Exception {
    Session first = connect();
    Session second = connect();
    String channel = subscribe(first, "tck-u1", ",\"users\":\"all\"");
    subscribe(second, "tck-u2", ",\"users\":\"all\",\"volatile\":{\"name\":\"second\"}");
    Received in = next(first);
    assertThat(in.route()).isEqualTo(channel);
    assertThat(in.json()).containsEntry("type", "user").containsEntry("user", "in")
        .containsEntry("volatile", Map.of("name", "second"));
    assertThat(in.result()).containsEntry("count", 2L);
    second.close();
    Received out = next(first);
    assertThat(out.json()).containsEntry("type", "user").containsEntry("user", "out");
    assertThat(out.result()).containsEntry("count", 1L);
    assertThat(herald.stats().subscriptions()).isEqualTo(1);
  }

  @Test
  void unsubscribeStopsNotifications() throws Exception {
    Session subscriber = connect();
    Session publisher = connect();
    String roomId = (String) subscribeResult(subscriber, "tck-s", "").get("roomId");
    subscriber.send("{\"controller\":\"realtime\",\"action\":\"count\",\"requestId\":\"tck-c\",\"body\":{\"roomId\":\""
        + roomId + "\"}}");
    Received count = next(subscriber);
    assertThat(count.route()).isEqualTo("tck-c");
    assertThat(count.result()).containsEntry("count", 1L);
    assertThat(roomOf(subscriber)).isEqualTo(roomId);
    subscriber.send("{\"controller\":\"realtime\",\"action\":\"unsubscribe\",\"requestId\":\"tck-un\",\"body\":{\"roomId\":\""
        + roomId + "\"}}");
    Received r = next(subscriber);
    assertThat(r.route()).isEqualTo("tck-un");
    assertThat(r.result()).containsEntry("roomId", roomId);
    publish(publisher, "tck-after", "{}");
    assertThat(next(publisher).route()).isEqualTo("tck-after");
    assertThat(subscriber.receive(QUIET)).isNull();
  }

  private static String roomOf(Session s) throws Exception {
    s.send("{\"controller\":\"realtime\",\"action\":\"list\",\"requestId\":\"tck-list\"}");
    Received r = next(s);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> items = (Map<String, Map<String, Object>>) r.result().get("tck");
    @SuppressWarnings("unchecked")
    Map<String, Object> rooms = (Map<String, Object>) items.get("items");
    return rooms.keySet().iterator().next();
  }
}
