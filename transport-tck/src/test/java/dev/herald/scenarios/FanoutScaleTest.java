package dev.herald.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.Herald;
import dev.herald.api.RequestContext;
import dev.herald.auth.Identity;
import dev.herald.filter.Document;
import dev.herald.transport.Connection;
import dev.herald.transport.Gateway;
import dev.herald.transport.OutboundFrame;
import dev.herald.transport.SendCompletion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * One channel with very many subscribers: every one gets every notification once, in order, while
 * many subscribe, unsubscribe and disconnect; and the subscriptions of a large channel come and go
 * in time proportional to their number (a quadratic setup would not finish 100,000 here in the
 * test's time). No wall-clock assertion: the tests check outcomes only.
 */
class FanoutScaleTest {
  private static final RequestContext CONTEXT = new RequestContext("req", 0L, Map.of(), "http", "document",
      Identity.ANONYMOUS);
  private static final byte[] SUBSCRIBE = ("{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\","
      + "\"collection\":\"c\",\"body\":{}}").getBytes(StandardCharsets.UTF_8);

  /** A client connection that records what it is sent and completes every write at once. */
  private static final class Recording implements Connection {
    private final String id;
    private final List<OutboundFrame> frames = new ArrayList<>(4);
    private String closeReason;

    Recording(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String protocol() {
      return "websocket";
    }

    @Override
    public void send(OutboundFrame frame, SendCompletion completion) {
      synchronized (this) {
        frames.add(frame);
      }
      completion.completed(null);
    }

    @Override
    public synchronized void close(String reason) {
      closeReason = reason;
    }

    synchronized String closeReason() {
      return closeReason;
    }

    synchronized List<OutboundFrame> notifications() {
      List<OutboundFrame> out = new ArrayList<>();
      for (OutboundFrame f : frames) {
        if (f.kind() == OutboundFrame.Kind.NOTIFICATION) {
          out.add(f);
        }
      }
      return out;
    }

    /** The last response, as a map. */
    synchronized Map<String, Object> lastResponse() {
      for (int i = frames.size() - 1; i >= 0; i--) {
        if (frames.get(i).kind() == OutboundFrame.Kind.RESPONSE) {
          return Document.parse(frames.get(i).json()).content();
        }
      }
      throw new AssertionError(id + " got no response");
    }
  }

  private static Recording subscribe(Gateway gateway, String id) {
    Recording c = new Recording(id);
    gateway.connected(c);
    gateway.received(c, SUBSCRIBE);
    return c;
  }

  @SuppressWarnings("unchecked")
  private static String roomId(Recording c) {
    Map<String, Object> response = c.lastResponse();
    assertThat(response.get("status")).as("%s: %s", c.id(), response).isEqualTo(200L);
    return (String) ((Map<String, Object>) response.get("result")).get("roomId");
  }

  private static void publish(Herald herald, String json) {
    herald.documents().published(CONTEXT, "i", "c", null, Document.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aHundredThousandSubscribersOfOneChannelGetEveryNotificationOnceInOrder() {
    int n = 100_000;
    try (Herald herald = Herald.builder().build()) {
      Gateway gateway = herald.gateway();
      Recording[] clients = new Recording[n];
      for (int i = 0; i < n; i++) {
        clients[i] = subscribe(gateway, "c" + i);
      }
      String roomId = roomId(clients[0]);
      assertThat(herald.count(roomId)).isEqualTo(n);
      assertThat(herald.stats().subscriptions()).isEqualTo(n);

      for (int k = 0; k < 3; k++) {
        publish(herald, "{\"k\":" + k + "}");
      }
      List<OutboundFrame> reference = clients[0].notifications();
      assertThat(reference).hasSize(3);
      for (int k = 0; k < 3; k++) {
        assertThat(Document.parse(reference.get(k).json()).content().toString()).contains("k=" + k);
      }
      for (Recording c : clients) {
        assertThat(c.notifications()).as(c.id()).containsExactlyElementsOf(reference); // the same frames
        assertThat(c.closeReason()).as(c.id()).isNull();
      }

      // Half of them disconnect, a quarter unsubscribe: the rest get the next ones.
      for (int i = 0; i < n; i += 2) {
        gateway.disconnected(clients[i]);
      }
      byte[] unsubscribe = ("{\"controller\":\"realtime\",\"action\":\"unsubscribe\",\"body\":{\"roomId\":\"" + roomId
          + "\"}}").getBytes(StandardCharsets.UTF_8);
      for (int i = 1; i < n; i += 4) {
        gateway.received(clients[i], unsubscribe);
        assertThat(clients[i].lastResponse().get("status")).isEqualTo(200L);
      }
      assertThat(herald.count(roomId)).isEqualTo(n / 4);
      publish(herald, "{\"k\":3}");
      List<OutboundFrame> last = clients[3].notifications();
      assertThat(last).hasSize(4).startsWith(reference.toArray(new OutboundFrame[0]));
      for (int i = 0; i < n; i++) {
        assertThat(clients[i].notifications()).as(clients[i].id()).hasSize(i % 4 == 3 ? 4 : 3);
        if (i % 4 == 3) {
          assertThat(clients[i].notifications().get(3)).isSameAs(last.get(3));
        }
      }

      for (int i = 1; i < n; i += 2) {
        gateway.disconnected(clients[i]);
      }
      assertThat(herald.stats().subscriptions()).isZero();
      assertThat(herald.stats().rooms()).isZero();
      assertThat(herald.stats().connections()).isZero();
    }
  }

  /**
   * Two publishers report documents while churners subscribe to the same channel as 10,000 stable
   * subscribers, unsubscribe, subscribe again and disconnect: each stable subscriber gets every
   * document once, in each publisher's order; a churner never gets one twice or out of order.
   */
  @Test
  void subscribersComingAndGoingDuringPublishesNeverBreakOrderOrExactlyOnce() throws Exception {
    int stableCount = 10_000;
    int publishers = 2;
    int messages = 200;
    int churners = 2;
    try (Herald herald = Herald.builder().outboxCapacity(100_000).build()) {
      Gateway gateway = herald.gateway();
      List<Recording> stable = new ArrayList<>();
      for (int i = 0; i < stableCount; i++) {
        stable.add(subscribe(gateway, "stable-" + i));
      }
      String roomId = roomId(stable.get(0));
      byte[] unsubscribe = ("{\"controller\":\"realtime\",\"action\":\"unsubscribe\",\"body\":{\"roomId\":\"" + roomId
          + "\"}}").getBytes(StandardCharsets.UTF_8);

      ConcurrentLinkedQueue<Recording> churned = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(publishers + churners);
      AtomicBoolean publishing = new AtomicBoolean(true);
      try {
        // Churners keep up to 100 connections each, so the channel stays near its stable size.
        CountDownLatch churning = new CountDownLatch(churners);
        List<Future<?>> churn = new ArrayList<>();
        for (int t = 0; t < churners; t++) {
          int seed = t;
          churn.add(pool.submit(() -> {
            Random random = new Random(seed);
            List<Recording> live = new ArrayList<>();
            for (int round = 0; publishing.get(); round++) {
              Recording c = subscribe(gateway, "churner-" + seed + "-" + round);
              churned.add(c);
              live.add(c);
              if (random.nextBoolean()) {
                gateway.received(c, unsubscribe);
                if (random.nextBoolean()) {
                  gateway.received(c, SUBSCRIBE); // joins again, at the end of the channel
                }
              }
              if (live.size() > 100) {
                gateway.disconnected(live.remove(random.nextInt(live.size())));
              }
              if (round == 100) {
                churning.countDown();
              }
            }
            return null;
          }));
        }
        List<Future<?>> publisherTasks = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
          int publisher = p;
          publisherTasks.add(pool.submit(() -> {
            churning.await(); // publish while the churners run
            for (int seq = 0; seq < messages; seq++) {
              publish(herald, "{\"p\":" + publisher + ",\"seq\":" + seq + "}");
            }
            return null;
          }));
        }
        for (Future<?> f : publisherTasks) {
          f.get(120, TimeUnit.SECONDS);
        }
        publishing.set(false);
        for (Future<?> f : churn) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      Map<OutboundFrame, int[]> decoded = new IdentityHashMap<>(); // frame -> {publisher, seq}
      List<String> problems = new ArrayList<>();
      for (Recording c : stable) {
        check(c, decoded, publishers, problems, messages);
      }
      for (Recording c : churned) {
        check(c, decoded, publishers, problems, -1);
      }
      assertThat(problems).isEmpty();
      assertThat(churned).as("churners subscribed").isNotEmpty();
      long partial = churned.stream().map(c -> c.notifications().size())
          .filter(k -> k > 0 && k < publishers * messages).count();
      assertThat(partial).as("churners that came or went during the publishes").isPositive();
    }
  }

  /** Checks order and uniqueness per publisher, and, when {@code expected >= 0}, that none is missing. */
  @SuppressWarnings("unchecked")
  private static void check(Recording c, Map<OutboundFrame, int[]> decoded, int publishers, List<String> problems,
      int expected) {
    if (c.closeReason() != null) {
      problems.add(c.id() + " was closed: " + c.closeReason());
    }
    int[] last = new int[publishers];
    Arrays.fill(last, -1);
    for (OutboundFrame f : c.notifications()) {
      int[] ps = decoded.computeIfAbsent(f, x -> {
        Map<String, Object> result = (Map<String, Object>) Document.parse(x.json()).content().get("result");
        Map<String, Object> source = (Map<String, Object>) result.get("_source");
        return new int[] {((Long) source.get("p")).intValue(), ((Long) source.get("seq")).intValue()};
      });
      if (ps[1] <= last[ps[0]]) {
        problems.add(c.id() + " got " + ps[0] + "/" + ps[1] + " after " + ps[0] + "/" + last[ps[0]]);
      }
      last[ps[0]] = ps[1];
    }
    if (expected >= 0) {
      int got = c.notifications().size();
      if (got != publishers * expected) {
        problems.add(c.id() + " got " + got + " notifications, not " + publishers * expected);
      }
    }
  }
}
