package dev.herald.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.Herald;
import dev.herald.filter.Document;
import dev.herald.tck.InMemoryClient;
import dev.herald.tck.InMemoryTransport;
import dev.herald.transport.OutboundFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Many threads subscribe, unsubscribe, disconnect and publish at once: every stable subscriber gets
 * exactly the notifications meant for it, once each, in each publisher's order, on its own channel;
 * user counts never go negative and end exact.
 */
class ConcurrencyTest {
  private static final int ROOMS = 8;
  private static final int PUBLISHERS = 4;
  private static final int MESSAGES = 320; // a multiple of ROOMS
  private static final int CHURNERS = 4;

  @Test
  void noNotificationIsLostDuplicatedOrMisroutedAndCountsStayConsistent() throws Exception {
    Herald herald = Herald.builder().outboxCapacity(100_000).build();
    InMemoryTransport transport = new InMemoryTransport(herald.gateway(), "websocket");
    ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS + CHURNERS);
    try {
      List<InMemoryClient> stable = new ArrayList<>();
      List<String> channels = new ArrayList<>();
      List<String> rooms = new ArrayList<>();
      for (int k = 0; k < ROOMS; k++) {
        InMemoryClient c = transport.connect();
        c.send("{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\",\"collection\":\"c\","
            + "\"users\":\"all\",\"body\":{\"equals\":{\"k\":" + k + "}}}");
        Map<String, Object> result = result(c.next());
        stable.add(c);
        channels.add((String) result.get("channel"));
        rooms.add((String) result.get("roomId"));
      }

      AtomicBoolean publishing = new AtomicBoolean(true);
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> churn = new ArrayList<>();
      for (int t = 0; t < CHURNERS; t++) {
        int seed = t;
        churn.add(pool.submit(() -> {
          Random r = new Random(seed);
          go.await();
          while (publishing.get()) {
            InMemoryClient c = transport.connect();
            int k = r.nextInt(ROOMS);
            c.send("{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\",\"collection\":\"c\","
                + "\"body\":{\"equals\":{\"k\":" + k + "}}}");
            if (r.nextBoolean()) {
              c.send("{\"controller\":\"realtime\",\"action\":\"unsubscribe\",\"body\":{\"roomId\":\"" + rooms.get(k)
                  + "\"}}");
            }
            c.disconnect();
          }
          return null;
        }));
      }
      List<Future<?>> publishers = new ArrayList<>();
      for (int p = 0; p < PUBLISHERS; p++) {
        int publisher = p;
        publishers.add(pool.submit(() -> {
          InMemoryClient c = transport.connect();
          go.await();
          for (int seq = 0; seq < MESSAGES; seq++) {
            c.send("{\"controller\":\"realtime\",\"action\":\"publish\",\"index\":\"i\",\"collection\":\"c\","
                + "\"body\":{\"k\":" + (seq % ROOMS) + ",\"p\":" + publisher + ",\"seq\":" + seq + "}}");
          }
          for (int seq = 0; seq < MESSAGES; seq++) {
            Map<String, Object> ack = Document.parse(c.next().json()).content();
            if (!Long.valueOf(200).equals(ack.get("status"))) {
              problems.add("publish failed: " + ack);
            }
          }
          c.disconnect();
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : publishers) {
        f.get(120, TimeUnit.SECONDS);
      }
      publishing.set(false);
      for (Future<?> f : churn) {
        f.get(120, TimeUnit.SECONDS);
      }

      for (int k = 0; k < ROOMS; k++) {
        Map<Integer, Integer> lastSeq = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int documents = 0;
        for (OutboundFrame f : stable.get(k).drain()) {
          if (f.kind() != OutboundFrame.Kind.NOTIFICATION || !f.channel().equals(channels.get(k))) {
            problems.add("client " + k + " got " + f);
            continue;
          }
          Map<String, Object> n = Document.parse(f.json()).content();
          if (n.get("type").equals("user")) {
            long count = (Long) ((Map<?, ?>) n.get("result")).get("count");
            if (count < 1 || count > 1 + CHURNERS) {
              problems.add("room " + k + " count " + count);
            }
            continue;
          }
          Map<?, ?> source = (Map<?, ?>) ((Map<?, ?>) n.get("result")).get("_source");
          int p = ((Long) source.get("p")).intValue();
          int seq = ((Long) source.get("seq")).intValue();
          if (((Long) source.get("k")) != k) {
            problems.add("client " + k + " got k=" + source.get("k"));
          }
          if (!seen.add(p + "/" + seq)) {
            problems.add("client " + k + " got " + p + "/" + seq + " twice");
          }
          Integer last = lastSeq.put(p, seq);
          if (last != null && last >= seq) {
            problems.add("client " + k + " got " + p + "/" + seq + " after " + last);
          }
          documents++;
        }
        if (documents != PUBLISHERS * MESSAGES / ROOMS) {
          problems.add("client " + k + " got " + documents + " documents");
        }
        assertThat(herald.count(rooms.get(k))).as("room %d", k).isEqualTo(1);
      }
      assertThat(problems).isEmpty();
      assertThat(herald.stats().rooms()).isEqualTo(ROOMS);
      assertThat(herald.stats().subscriptions()).isEqualTo(ROOMS);
      assertThat(herald.stats().connections()).isEqualTo(ROOMS);
    } finally {
      pool.shutdownNow();
      herald.close();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(OutboundFrame f) {
    return (Map<String, Object>) Document.parse(f.json()).content().get("result");
  }
}
