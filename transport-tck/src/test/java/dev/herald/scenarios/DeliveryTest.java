package dev.herald.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.SlowConsumerPolicy;
import dev.herald.realtime.DocumentNotification;
import dev.herald.realtime.Notification;
import dev.herald.realtime.Scope;
import dev.herald.realtime.State;
import dev.herald.realtime.SubscribeOptions;
import dev.herald.realtime.Subscription;
import dev.herald.realtime.UserNotification;
import dev.herald.realtime.Users;
import dev.herald.tck.InMemoryClient;
import dev.herald.transport.ChannelFanout;
import dev.herald.transport.Connection;
import dev.herald.transport.OutboundFrame;
import dev.herald.transport.SendCompletion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One serialization per notification, bounded outboxes, slow consumers, native fan-out, in-process listeners. */
class DeliveryTest {
  @Test
  void subscribersOfAChannelShareOneFrameAndItsBytes() {
    try (Scenario s = new Scenario()) {
      List<InMemoryClient> clients = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        clients.add(s.client());
        s.subscribe(clients.get(i), "{}", "");
      }
      InMemoryClient other = s.client();
      s.subscribe(other, "{}", ",\"scope\":\"in\"");
      s.herald.documents().created(s.context("c"), "i", "c", "d", Scenario.doc("{\"a\":1}"));
      OutboundFrame first = clients.get(0).next();
      for (InMemoryClient c : clients.subList(1, 5)) {
        assertThat(c.next()).isSameAs(first);
      }
      OutboundFrame otherFrame = other.next();
      assertThat(otherFrame).isNotSameAs(first);
      assertThat(otherFrame.json()).as("serialized once for every channel").isSameAs(first.json());
    }
  }

  @Test
  void aSubscriberThatNeverReadsIsDisconnectedWithoutDelayingOthers() {
    try (Scenario s = new Scenario(b -> b.outboxCapacity(10).maxInFlight(2))) {
      InMemoryClient slow = s.client();
      InMemoryClient fast = s.client();
      s.subscribe(slow, "{}", "");
      s.subscribe(fast, "{}", "");
      slow.holdCompletions(true);
      for (int i = 0; i < 50; i++) {
        s.herald.documents().created(s.context("c" + i), "i", "c", "d" + i, Scenario.doc("{\"n\":" + i + "}"));
      }
      // The slow one got what was in flight, then its outbox filled (10) and it was closed.
      assertThat(slow.drain()).hasSize(2);
      assertThat(slow.isClosed()).isTrue();
      assertThat(slow.closeReason()).contains("too slow");
      List<OutboundFrame> got = fast.drain();
      assertThat(got).hasSize(50);
      for (int i = 0; i < 50; i++) {
        assertThat(got.get(i).text()).contains("\"_source\":{\"n\":" + i + "}");
      }
      assertThat(s.herald.stats().slowConsumersDisconnected()).isEqualTo(1);
      assertThat(s.herald.stats().subscriptions()).isEqualTo(1);
    }
  }

  @Test
  void theDropPolicyCountsDropsAndKeepsTheConnection() {
    try (Scenario s = new Scenario(b -> b.outboxCapacity(10).maxInFlight(2).slowConsumerPolicy(SlowConsumerPolicy.DROP))) {
      InMemoryClient slow = s.client();
      s.subscribe(slow, "{}", "");
      slow.holdCompletions(true);
      for (int i = 0; i < 50; i++) {
        s.herald.documents().created(s.context("c" + i), "i", "c", "d" + i, Scenario.doc("{\"n\":" + i + "}"));
      }
      assertThat(slow.isClosed()).isFalse();
      assertThat(s.herald.stats().notificationsDropped()).isEqualTo(50 - 2 - 10);
      slow.holdCompletions(false);
      List<OutboundFrame> got = slow.drain();
      assertThat(got).hasSize(12);
      // Those kept arrive in order: the first 12.
      for (int i = 0; i < 12; i++) {
        assertThat(got.get(i).text()).contains("\"_source\":{\"n\":" + i + "}");
      }
    }
  }

  @Test
  void nativeFanOutGetsOneFramePerChannel() {
    try (Scenario s = new Scenario()) {
      List<String> events = Collections.synchronizedList(new ArrayList<>());
      List<OutboundFrame> published = Collections.synchronizedList(new ArrayList<>());
      ChannelFanout broker = new ChannelFanout() {
        @Override
        public void joined(Connection connection, String channel) {
          events.add("join " + connection.id());
        }

        @Override
        public void left(Connection connection, String channel) {
          events.add("leave " + connection.id());
        }

        @Override
        public void publish(OutboundFrame notification) {
          published.add(notification);
        }
      };
      List<Connection> conns = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        conns.add(new FanoutConnection("m" + i, broker));
        s.herald.gateway().connected(conns.get(i));
        s.herald.gateway().received(conns.get(i), "{\"controller\":\"realtime\",\"action\":\"subscribe\","
            + "\"index\":\"i\",\"collection\":\"c\",\"body\":{}}");
      }
      assertThat(events).containsExactly("join m0", "join m1", "join m2");
      s.herald.documents().created(s.context("c"), "i", "c", "d", Scenario.doc("{}"));
      assertThat(published).hasSize(1);
      assertThat(published.get(0).kind()).isEqualTo(OutboundFrame.Kind.NOTIFICATION);
      s.herald.gateway().disconnected(conns.get(1));
      assertThat(events).contains("leave m1");
    }
  }

  private record FanoutConnection(String id, ChannelFanout fanout) implements Connection {
    @Override
    public String protocol() {
      return "mqtt";
    }

    @Override
    public void send(OutboundFrame frame, SendCompletion completion) {
      completion.completed(null);
    }

    @Override
    public void close(String reason) {}
  }

  @Test
  void inProcessSubscribersGetTypedNotificationsInOrder() {
    try (Scenario s = new Scenario()) {
      List<Notification> got = Collections.synchronizedList(new ArrayList<>());
      Subscription sub = s.herald.subscribe("i", "c", s.herald.filter("{\"range\":{\"n\":{\"gte\":0}}}"),
          SubscribeOptions.DEFAULTS.withUsers(Users.ALL).withVolatile(Map.of("me", "local")), got::add);
      assertThat(sub.isActive()).isTrue();
      assertThat(sub.channel().roomId()).isEqualTo(sub.room().id());
      for (int i = 0; i < 3; i++) {
        s.herald.documents().created(s.context("c" + i), "i", "c", "d" + i, Scenario.doc("{\"n\":" + i + "}"));
      }
      InMemoryClient c = s.client();
      s.subscribe(c, "{\"range\":{\"n\":{\"gte\":0}}}", "");
      assertThat(got).hasSize(4);
      for (int i = 0; i < 3; i++) {
        DocumentNotification n = (DocumentNotification) got.get(i);
        assertThat(n.source()).isEqualTo(Map.of("n", (long) i));
        assertThat(n.documentId()).isEqualTo("d" + i);
        assertThat(n.scope()).isEqualTo(Scope.IN);
        assertThat(n.state()).isEqualTo(State.DONE);
        assertThat(n.requestId()).isEqualTo("c" + i);
        assertThat(n.channel()).isEqualTo(sub.channel().id());
      }
      UserNotification u = (UserNotification) got.get(3);
      assertThat(u.user()).isEqualTo(Users.IN);
      assertThat(u.count()).isEqualTo(2);
      assertThat(s.herald.count(sub.room().id())).isEqualTo(2);
      sub.unsubscribe();
      sub.unsubscribe();
      assertThat(sub.isActive()).isFalse();
      assertThat(s.herald.count(sub.room().id())).isEqualTo(1);
    }
  }
}
