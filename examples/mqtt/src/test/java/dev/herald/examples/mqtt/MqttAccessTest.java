package dev.herald.examples.mqtt;

import static dev.herald.examples.mqtt.MqttTestClient.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.Herald;
import dev.herald.auth.Identity;
import dev.herald.auth.InvalidTokenException;
import dev.herald.examples.mqtt.MqttTestClient.Message;
import dev.herald.tck.ManualTime;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Who may listen and publish where, in strict and open mode; when the broker stops delivering a
 * channel to a client; and the ends of links. Clients are Paho MQTT 3.1.1 clients, and bare sockets
 * where the test must see exactly what the broker wrote before it closed a link.
 */
class MqttAccessTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration QUIET = Duration.ofMillis(400);
  /** The strict set-up's credentials: each user's password is its name and "-secret". */
  private static final MqttAuthenticator PASSWORDS =
      (clientId, username, password) -> password != null
          && new String(password, StandardCharsets.UTF_8).equals(username + "-secret");

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private Herald herald;
  private MqttTransport mqtt;

  private void start(Access access) throws Exception {
    start(Herald.builder(), access);
  }

  private void start(Herald.Builder builder, Access access) throws Exception {
    herald = builder.build();
    MqttTransport.Builder b = MqttTransport.builder(herald.gateway()).port(0);
    if (access == Access.STRICT) {
      b.authenticator(PASSWORDS);
    }
    mqtt = b.start();
    assertThat(mqtt.access()).isEqualTo(access);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : toClose) {
      try {
        c.close();
      } catch (Exception e) {
        // already gone
      }
    }
    if (mqtt != null) {
      mqtt.close();
    }
    if (herald != null) {
      herald.close();
    }
  }

  /** A client logged in as {@code user} in strict mode, anonymous in open mode. */
  private MqttTestClient.Builder client(String clientId, String user) {
    MqttTestClient.Builder b = MqttTestClient.to(mqtt, clientId);
    return mqtt.access() == Access.STRICT ? b.login(user, user + "-secret") : b;
  }

  private MqttTestClient listening(String clientId, String user) throws MqttException {
    return closing(client(clientId, user).connectAndListen());
  }

  private RawMqttClient raw(String clientId, String user) throws Exception {
    RawMqttClient c = mqtt.access() == Access.STRICT
        ? new RawMqttClient(mqtt, clientId, user, user + "-secret")
        : new RawMqttClient(mqtt, clientId, null, null);
    toClose.add(c);
    return c;
  }

  private static Message next(RawMqttClient c, String topic) throws InterruptedException {
    Message m = c.next(TIMEOUT);
    assertThat(m).as("a message on %s", topic).isNotNull();
    assertThat(m.topic()).isEqualTo(topic);
    return m;
  }

  private MqttTestClient closing(MqttTestClient c) {
    toClose.add(c);
    return c;
  }

  /** Subscribes through Herald to every item of acl/items; returns the channel. */
  private static String subscribe(MqttTestClient c, String requestId, String extra) throws Exception {
    Message m = c.request(requestId, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"acl\","
        + "\"collection\":\"items\",\"body\":{},\"requestId\":\"" + requestId + "\"" + extra + "}", TIMEOUT);
    assertThat(m.json()).containsEntry("status", 200L);
    return (String) result(m).get("channel");
  }

  private static void unsubscribe(MqttTestClient c, String channel) throws Exception {
    String roomId = channel.substring(0, channel.lastIndexOf('-'));
    Message m = c.request("un-" + c.clientId, "{\"controller\":\"realtime\",\"action\":\"unsubscribe\","
        + "\"requestId\":\"un-" + c.clientId + "\",\"body\":{\"roomId\":\"" + roomId + "\"}}", TIMEOUT);
    assertThat(result(m)).containsEntry("roomId", roomId);
  }

  private static void publishItem(MqttTestClient c, String requestId, String body) throws Exception {
    Message m = c.request(requestId, "{\"controller\":\"realtime\",\"action\":\"publish\",\"index\":\"acl\","
        + "\"collection\":\"items\",\"requestId\":\"" + requestId + "\",\"body\":" + body + "}", TIMEOUT);
    assertThat(m.json()).containsEntry("status", 200L);
  }

  private static void assertAnswers(MqttTestClient c, String requestId) throws Exception {
    Message m = c.request(requestId, "{\"controller\":\"server\",\"action\":\"now\",\"requestId\":\"" + requestId
        + "\"}", TIMEOUT);
    assertThat(m.json()).containsEntry("status", 200L);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(Message m) {
    return (Map<String, Object>) m.json().get("result");
  }

  private static Message notification(MqttTestClient c, String channel) throws InterruptedException {
    Message m = c.next(TIMEOUT);
    assertThat(m).as("%s: a notification on %s", c.clientId, channel).isNotNull();
    assertThat(m.topic()).isEqualTo(channel);
    assertThat(m.json()).containsEntry("type", "document").containsEntry("protocol", "mqtt").doesNotContainKey("room");
    return m;
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  // ---- strict mode ---------------------------------------------------------------------------

  @Test
  void strictClientsListenToTheirOwnResponseTopicOnly() throws Exception {
    start(Access.STRICT);
    MqttTestClient alice = listening("alice-1", "alice");
    MqttTestClient bob = listening("bob-1", "bob");
    assertThat(bob.listen("mqtt.alice-1")).isEqualTo(REFUSED);
    for (String topic : List.of("Kuzzle/response", "kuzzle", "Kuzzle/request", "#", "+/response", "mqtt.bob-2",
        "anything")) {
      assertThat(bob.listen(topic)).as(topic).isEqualTo(REFUSED);
    }
    assertAnswers(alice, "a-now");
    assertThat(bob.next(QUIET)).as("bob hears nothing of alice's").isNull();
  }

  @Test
  void strictChannelsAreOpenOnlyToTheUserWhoSubscribedThroughHerald() throws Exception {
    start(Access.STRICT);
    MqttTestClient alice1 = listening("alice-1", "alice");
    MqttTestClient bob = listening("bob-1", "bob");
    String channel = subscribe(alice1, "s1", "");
    assertThat(alice1.listen(channel)).isNotEqualTo(REFUSED);
    assertThat(bob.listen(channel)).as("another user").isEqualTo(REFUSED);
    MqttTestClient alice2 = closing(client("alice-2", "alice").connect());
    assertThat(alice2.listen(channel)).as("another client of the same user").isNotEqualTo(REFUSED);

    publishItem(bob, "p1", "{\"n\":1}");
    assertThat(notification(alice1, channel).json()).containsEntry("requestId", "p1");
    assertThat(notification(alice2, channel).json()).containsEntry("requestId", "p1");
    assertThat(bob.next(QUIET)).isNull();
  }

  @Test
  void strictRequestsOnKuzzleRequestAreAnsweredOnTheClientsOwnTopic() throws Exception {
    start(Access.STRICT);
    MqttTestClient alice = closing(client("alice-1", "alice").kuzzle2("mqtt.alice-1").connectAndListen());
    assertThat(alice.listen("Kuzzle/response")).isEqualTo(REFUSED);
    Message m = alice.request("k-now", "{\"controller\":\"server\",\"action\":\"now\",\"requestId\":\"k-now\"}",
        TIMEOUT);
    assertThat(m.topic()).isEqualTo("mqtt.alice-1");
  }

  @Test
  void strictModeRefusesClientsWithoutValidCredentials() throws Exception {
    start(Access.STRICT);
    assertThatThrownBy(() -> closing(MqttTestClient.to(mqtt, "x-1").login("alice", "bob-secret").connect()))
        .isInstanceOf(MqttException.class);
    assertThatThrownBy(() -> closing(MqttTestClient.to(mqtt, "x-2").connect())).isInstanceOf(MqttException.class);
    assertThat(herald.stats().connections()).isZero();
  }

  @Test
  void strictUsersLoseAChannelWithTheirLastConnectionOnIt() throws Exception {
    start(Access.STRICT);
    MqttTestClient alice1 = listening("alice-1", "alice");
    MqttTestClient alice3 = listening("alice-3", "alice");
    String channel = subscribe(alice1, "s1", "");
    assertThat(subscribe(alice3, "s3", "")).isEqualTo(channel);
    MqttTestClient alice2 = closing(client("alice-2", "alice").connect());
    assertThat(alice2.listen(channel)).isNotEqualTo(REFUSED);

    alice1.close(); // alice-3 still has the channel
    assertThat(alice2.awaitLost(QUIET)).isFalse();
    unsubscribe(alice3, channel); // alice-3 never listened to the topic: it keeps its link
    assertThat(alice2.awaitLost(TIMEOUT)).as("alice-2 cut off once alice has the channel no more").isTrue();
    assertThat(alice3.isConnected()).isTrue();
    MqttTestClient alice2Again = closing(client("alice-2", "alice").connect());
    assertThat(alice2Again.listen(channel)).isEqualTo(REFUSED);
  }

  // ---- both modes ----------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Access.class)
  void onlyHeraldPublishesOnResponseAndChannelTopics(Access access) throws Exception {
    start(access);
    MqttTestClient alice = listening("alice-1", "alice");
    String channel = subscribe(alice, "s1", "");
    alice.listen(channel);

    // Bare sockets: Paho may never report a message written when the broker ends the link at once.
    RawMqttClient forger = raw("mallory-1", "mallory");
    forger.publish(channel, "{\"type\":\"document\",\"forged\":true}");
    assertThat(forger.awaitEnd(TIMEOUT)).as("a client publishing on a channel is disconnected").isTrue();
    RawMqttClient forger2 = raw("mallory-2", "mallory");
    forger2.publish("mqtt.alice-1", "{\"requestId\":\"s2\",\"status\":200,\"forged\":true}");
    assertThat(forger2.awaitEnd(TIMEOUT)).as("a client publishing on a response topic is disconnected").isTrue();
    RawMqttClient forger3 = raw("mallory-3", "mallory");
    forger3.publish("Kuzzle/response", "{\"requestId\":\"s3\",\"status\":200,\"forged\":true}");
    assertThat(forger3.awaitEnd(TIMEOUT)).isTrue();

    assertThat(alice.next(QUIET)).as("nothing forged reached alice").isNull();
    assertAnswers(alice, "still-there");
  }

  @ParameterizedTest
  @EnumSource(Access.class)
  void nobodyListensToRequestsOrThroughWildcards(Access access) throws Exception {
    start(access);
    MqttTestClient c = listening("carol-1", "carol");
    for (String topic : List.of("kuzzle", "Kuzzle/request", "#", "+", "Kuzzle/+")) {
      assertThat(c.listen(topic)).as(topic).isEqualTo(REFUSED);
    }
  }

  @ParameterizedTest
  @EnumSource(Access.class)
  void aClientThatStopsListeningBeforeUnsubscribingKeepsItsLink(Access access) throws Exception {
    start(access);
    MqttTestClient alice = listening("alice-1", "alice");
    MqttTestClient bob = listening("bob-1", "bob");
    String channel = subscribe(alice, "s1", "");
    alice.listen(channel);
    publishItem(bob, "p1", "{}");
    notification(alice, channel);

    alice.stopListening(channel);
    unsubscribe(alice, channel);
    publishItem(bob, "p2", "{}");
    assertThat(alice.next(QUIET)).isNull();
    assertThat(alice.isConnected()).isTrue();
    assertAnswers(alice, "after");
  }

  @ParameterizedTest
  @EnumSource(Access.class)
  void unsubscribingWhileListeningEndsTheLinkOnceAnswered(Access access) throws Exception {
    start(access);
    RawMqttClient alice = raw("alice-1", "alice");
    MqttTestClient bob = listening("bob-1", "bob");
    assertThat(alice.listen("mqtt.alice-1")).isZero();
    alice.publish("kuzzle", "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"acl\","
        + "\"collection\":\"items\",\"body\":{},\"requestId\":\"s1\"}");
    Map<String, Object> subscribed = next(alice, "mqtt.alice-1").json();
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) subscribed.get("result");
    assertThat(alice.listen((String) result.get("channel"))).isZero();

    alice.publish("kuzzle", "{\"controller\":\"realtime\",\"action\":\"unsubscribe\",\"requestId\":\"u1\","
        + "\"body\":{\"roomId\":\"" + result.get("roomId") + "\"}}");
    assertThat(next(alice, "mqtt.alice-1").json()).as("the response is written before the link ends")
        .containsEntry("requestId", "u1").containsEntry("status", 200L);
    assertThat(alice.awaitEnd(TIMEOUT)).isTrue();
    assertThat(alice.next(QUIET)).isNull();
    eventually("alice's Herald connection ended", () -> herald.stats().connections() == 1);
    publishItem(bob, "p1", "{}");
  }

  @ParameterizedTest
  @EnumSource(Access.class)
  void tokenExpiryIsToldOnTheOwnResponseTopicThenTheChannelStops(Access access) throws Exception {
    ManualTime time = new ManualTime(Instant.parse("2030-01-01T00:00:00Z"));
    long expiresAt = time.millis() + 60_000;
    start(Herald.builder().clock(time).scheduler(time).ticker(time).tokenVerifier(token -> {
      if (!token.equals("alice-token")) {
        throw new InvalidTokenException("unknown token", false);
      }
      return new Identity("alice", expiresAt);
    }), access);
    // In open mode alice uses Kuzzle 2's topics; TokenExpired still comes on her own mqtt.<clientId>.
    String requestTopic = access == Access.OPEN ? "Kuzzle/request" : "kuzzle";
    String responseTopic = access == Access.OPEN ? "Kuzzle/response" : "mqtt.alice-1";
    RawMqttClient alice = raw("alice-1", "alice");
    assertThat(alice.listen("mqtt.alice-1")).isZero();
    assertThat(alice.listen(responseTopic)).isZero();
    MqttTestClient bob = listening("bob-1", "bob");
    alice.publish(requestTopic, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"acl\","
        + "\"collection\":\"items\",\"body\":{},\"requestId\":\"s1\",\"jwt\":\"alice-token\"}");
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) next(alice, responseTopic).json().get("result");
    assertThat(alice.listen((String) result.get("channel"))).isZero();

    time.advance(Duration.ofSeconds(61));
    for (int i = 0; i < 2; i++) { // once for the channel, once for kuzzle:notification:server
      assertThat(next(alice, "mqtt.alice-1").json()).containsEntry("type", "TokenExpired")
          .containsEntry("message", "Authentication Token Expired");
    }
    assertThat(alice.awaitEnd(TIMEOUT)).as("alice listened to the channel: her link ends").isTrue();
    assertThat(alice.next(QUIET)).isNull();
    publishItem(bob, "p1", "{}");
    assertThat(bob.next(QUIET)).as("bob hears nothing of alice's").isNull();
  }

  @ParameterizedTest
  @EnumSource(Access.class)
  void disconnectsEndHeraldConnectionsAndTheirSubscriptions(Access access) throws Exception {
    start(access);
    MqttTestClient alice = listening("alice-1", "alice");
    subscribe(alice, "s1", "");
    assertThat(herald.stats().subscriptions()).isEqualTo(1);
    alice.close();
    eventually("a clean disconnect ends the connection", () -> herald.stats().connections() == 0);
    assertThat(herald.stats().subscriptions()).isZero();

    try (RawMqttClient dave = raw("dave-1", "dave")) {
      dave.publish("kuzzle", "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"acl\","
          + "\"collection\":\"items\",\"body\":{}}");
      eventually("the raw client subscribed", () -> herald.stats().subscriptions() == 1);
    } // closed without DISCONNECT: the link is lost
    eventually("a lost link ends the connection", () -> herald.stats().connections() == 0);
    assertThat(herald.stats().subscriptions()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Access.class)
  void aClientIdConnectingAgainReplacesItsPreviousConnection(Access access) throws Exception {
    start(access);
    MqttTestClient first = listening("same", "erin");
    subscribe(first, "s1", "");
    MqttTestClient second = listening("same", "erin");
    assertThat(first.awaitLost(TIMEOUT)).isTrue();
    eventually("one connection, without the first one's subscription",
        () -> herald.stats().connections() == 1 && herald.stats().subscriptions() == 0);
    assertAnswers(second, "second-now");
  }

  // ---- open mode -----------------------------------------------------------------------------

  @Test
  void openListenersShareResponseAndChannelTopics() throws Exception {
    start(Access.OPEN);
    // The seed's three shells: one sends requests, one reads their responses, one reads the channel.
    MqttTestClient requests = closing(MqttTestClient.to(mqtt, "shell-req").connect());
    MqttTestClient responses = closing(MqttTestClient.to(mqtt, "shell-1").connect());
    assertThat(responses.listen("mqtt.shell-req")).isNotEqualTo(REFUSED);
    requests.send("{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"acl\",\"collection\":\"items\","
        + "\"body\":{},\"requestId\":\"sub-1\"}");
    Message subscribed = responses.next(TIMEOUT);
    assertThat(subscribed).isNotNull();
    assertThat(subscribed.topic()).isEqualTo("mqtt.shell-req");
    assertThat(subscribed.json()).containsEntry("requestId", "sub-1").containsEntry("status", 200L);
    String channel = (String) result(subscribed).get("channel");

    MqttTestClient notifications = closing(MqttTestClient.to(mqtt, "shell-3").connect());
    assertThat(notifications.listen(channel)).isNotEqualTo(REFUSED);
    requests.send("{\"controller\":\"realtime\",\"action\":\"publish\",\"index\":\"acl\",\"collection\":\"items\","
        + "\"body\":{\"foo\":\"bar\"},\"requestId\":\"pub-1\"}");
    assertThat(notification(notifications, channel).json()).containsEntry("requestId", "pub-1");
  }

  @Test
  void openKuzzle2ResponsesAreSharedAndPickedByRequestId() throws Exception {
    start(Access.OPEN);
    MqttTestClient k1 = closing(MqttTestClient.to(mqtt, "k-1").kuzzle2("Kuzzle/response").connectAndListen());
    MqttTestClient k2 = closing(MqttTestClient.to(mqtt, "k-2").kuzzle2("Kuzzle/response").connectAndListen());
    Message mine = k1.request("k1-now", "{\"controller\":\"server\",\"action\":\"now\",\"requestId\":\"k1-now\"}",
        TIMEOUT);
    assertThat(mine.topic()).isEqualTo("Kuzzle/response");
    Message seen = k2.next(TIMEOUT);
    assertThat(seen).as("every listener of Kuzzle/response sees every response").isNotNull();
    assertThat(seen.json()).containsEntry("requestId", "k1-now");

    // One client may use both conventions: each request is answered after its own.
    assertThat(k1.listen("mqtt.k-1")).isNotEqualTo(REFUSED);
    k1.publish("kuzzle", "{\"controller\":\"server\",\"action\":\"now\",\"requestId\":\"seed-now\"}");
    Message seed = k1.next(TIMEOUT);
    assertThat(seed.topic()).isEqualTo("mqtt.k-1");
    assertThat(seed.json()).containsEntry("requestId", "seed-now");
  }

  @Test
  void persistentSessionsEndWithTheirLink() throws Exception {
    start(Access.OPEN);
    MqttTestClient keeper = listening("keeper", null);
    String channel = subscribe(keeper, "k1", "");
    MqttTestClient p = closing(MqttTestClient.to(mqtt, "p-1").persistentSession().connectAndListen());
    assertThat(p.listen(channel)).isNotEqualTo(REFUSED);
    p.close();
    MqttTestClient again = closing(MqttTestClient.to(mqtt, "p-1").persistentSession().connect());
    publishItem(keeper, "p1", "{}");
    assertThat(again.next(QUIET)).as("no MQTT subscription outlived the link").isNull();
  }

  // ---- the broker ----------------------------------------------------------------------------

  @Test
  void theBrokerListensOnLoopbackAndReportsNothingOutside() throws Exception {
    start(Access.OPEN);
    assertThat(mqtt.host()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> new Socket("127.0.0.2", mqtt.port()).close())
        .as("bound to 127.0.0.1, not to every address").isInstanceOf(ConnectException.class);

    Properties p = MqttTransport.brokerProperties("127.0.0.1", 1883, true, 4096);
    assertThat(p).containsEntry("host", "127.0.0.1").containsEntry("telemetry_enabled", "false")
        .containsEntry("websocket_port", "disabled").containsEntry("persistence_enabled", "false")
        .containsEntry("netty.epoll", "false").containsEntry("use_metrics", "false")
        .containsEntry("use_bugsnag", "false").containsEntry("intercept.thread_pool.size", "1")
        .containsEntry("persistent_client_expiration", "0s").doesNotContainKey("ssl_port");
  }
}
