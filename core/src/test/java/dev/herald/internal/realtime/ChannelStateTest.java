package dev.herald.internal.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.SlowConsumerPolicy;
import dev.herald.realtime.Channel;
import dev.herald.realtime.Scope;
import dev.herald.realtime.State;
import dev.herald.realtime.Users;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * The channel's subscriber slots: walks meet the subscribers in order, exactly once each, while
 * subscribers join and leave; the slots stay proportional to the subscribers.
 */
class ChannelStateTest {
  private static ChannelState channel() {
    return new ChannelState(new Channel("room-111", "room", Scope.ALL, Users.NONE, State.DONE), null);
  }

  /** An endpoint that records, per publisher, the sequence numbers it was offered. */
  private static final class Recorder extends Endpoint {
    private final String id;
    private final long[] last;
    private final ConcurrentLinkedQueue<String> problems;
    private int delivered;
    /** What the channel's walk offers to: forwards to {@link #deliver}. */
    private final Outbox<Object> outbox = new Outbox<>(1, 1, SlowConsumerPolicy.DROP, new DeliveryStats()) {
      @Override
      boolean offer(Delivery d) {
        return Recorder.this.deliver(d);
      }

      @Override
      void deliver(Object item, boolean notification) {
        throw new AssertionError("only offer(Delivery) is used");
      }

      @Override
      void onTooSlow() {
        throw new AssertionError("never queues");
      }
    };

    Recorder(String id, int publishers, ConcurrentLinkedQueue<String> problems) {
      this.id = id;
      this.last = new long[publishers];
      this.problems = problems;
    }

    @Override
    String id() {
      return id;
    }

    @Override
    String protocol() {
      return "test";
    }

    @Override
    Outbox<?> outbox() {
      return outbox;
    }

    synchronized boolean deliver(Delivery d) {
      Message m = (Message) d.event;
      if (m.seq <= last[m.publisher]) {
        problems.add(id + " got " + m.publisher + "/" + m.seq + " after " + m.publisher + "/" + last[m.publisher]);
      }
      last[m.publisher] = m.seq;
      delivered++;
      return true;
    }

    synchronized long last(int publisher) {
      return last[publisher];
    }

    synchronized int delivered() {
      return delivered;
    }

    @Override
    void deliverPrivate(Event event, String channel) {
      throw new AssertionError();
    }
  }

  /** Publisher {@code publisher}'s message number {@code seq} (from 1). */
  private static final class Message extends Event {
    final int publisher;
    final long seq;

    Message(int publisher, long seq) {
      this.publisher = publisher;
      this.seq = seq;
    }

    @Override
    void write(JsonOut out) {
      throw new AssertionError();
    }

    @Override
    dev.herald.realtime.Notification typed(String channel) {
      throw new AssertionError();
    }
  }

  private static List<Recorder> recorders(int n, ConcurrentLinkedQueue<String> problems) {
    List<Recorder> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Recorder("e" + i, 1, problems));
    }
    return out;
  }

  private static int publish(ChannelState c, int publisher, long seq, Endpoint except) {
    return c.deliver(new Delivery(c.id(), new Message(publisher, seq)), except);
  }

  @Test
  void aWalkMeetsTheSubscribersInTheOrderTheyJoinedAndSkipsTheOnesThatLeft() {
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    ChannelState c = channel();
    List<Recorder> endpoints = recorders(10, problems);
    List<ChannelState.Member> members = new ArrayList<>();
    for (Recorder e : endpoints) {
      members.add(c.add(e));
    }
    c.remove(members.get(3));
    c.remove(members.get(7));
    List<Endpoint> met = new ArrayList<>();
    publish(c, 0, 1, null);
    for (Recorder e : endpoints) {
      if (e.delivered() == 1) {
        met.add(e);
      }
    }
    assertThat(met).hasSize(8).doesNotContain(endpoints.get(3), endpoints.get(7));
    assertThat(publish(c, 0, 2, endpoints.get(0))).as("all but the excepted one").isEqualTo(7);
    assertThat(c.endpointCount()).isEqualTo(8);
    assertThat(problems).isEmpty();
  }

  @Test
  void a100kChannelFillsAndEmptiesWithSlotsProportionalToItsSubscribers() {
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    ChannelState c = channel();
    int n = 100_000;
    List<Recorder> endpoints = recorders(n, problems);
    List<ChannelState.Member> members = new ArrayList<>(n);
    for (Recorder e : endpoints) {
      members.add(c.add(e));
    }
    assertThat(publish(c, 0, 1, null)).isEqualTo(n);

    Random random = new Random(7);
    Set<Integer> left = new HashSet<>();
    while (left.size() < 3 * n / 4) {
      int i = random.nextInt(n);
      if (left.add(i)) {
        c.remove(members.get(i));
        assertThat(c.slotCount()).isLessThanOrEqualTo(2 * c.endpointCount() + 1);
      }
    }
    assertThat(publish(c, 0, 2, null)).isEqualTo(n / 4);
    for (int i = 0; i < n; i++) {
      assertThat(endpoints.get(i).last(0)).as("endpoint %d", i).isEqualTo(left.contains(i) ? 1 : 2);
    }
    for (int i = 0; i < n; i++) {
      if (!left.contains(i)) {
        c.remove(members.get(i));
      }
    }
    assertThat(c.endpointCount()).isZero();
    assertThat(c.slotCount()).isZero();
    assertThat(publish(c, 0, 3, null)).isZero();
    assertThat(problems).isEmpty();
  }

  /**
   * Publishers walk the channel while churners join, leave and join again under the hotel's lock:
   * the subscribers that stay get every message once, in each publisher's order; the others never
   * get one twice or out of order, even when they leave and join again during a walk.
   */
  @Test
  void walksRacingWithJoinsAndLeavesNeitherDuplicateNorLoseNorReorder() throws Exception {
    int publishers = 2;
    int messages = 2_000;
    int stableCount = 2_000;
    int churnerCount = 500;
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    ReentrantLock hotelLock = new ReentrantLock();
    ChannelState c = channel();
    List<Recorder> stable = new ArrayList<>();
    for (int i = 0; i < stableCount; i++) {
      stable.add(new Recorder("stable-" + i, publishers, problems));
    }
    List<Recorder> churners = new ArrayList<>();
    ChannelState.Member[] churnerMembers = new ChannelState.Member[churnerCount];
    for (int i = 0; i < churnerCount; i++) {
      churners.add(new Recorder("churner-" + i, publishers, problems));
    }
    // Stable subscribers interleaved with churners, so holes and rebuilds happen all around them.
    for (int i = 0; i < stableCount; i++) {
      c.add(stable.get(i));
      if (i % 4 == 0) {
        churnerMembers[i / 4] = c.add(churners.get(i / 4));
      }
    }

    ExecutorService pool = Executors.newFixedThreadPool(publishers + 1);
    AtomicBoolean publishing = new AtomicBoolean(true);
    CountDownLatch go = new CountDownLatch(1);
    try {
      Future<Integer> churn = pool.submit(() -> {
        Random random = new Random(42);
        go.await();
        int rounds = 0;
        while (publishing.get()) {
          int i = random.nextInt(churnerCount);
          hotelLock.lock();
          try {
            if (churnerMembers[i] != null) {
              c.remove(churnerMembers[i]);
              churnerMembers[i] = random.nextBoolean() ? c.add(churners.get(i)) : null;
            } else {
              churnerMembers[i] = c.add(churners.get(i));
            }
          } finally {
            hotelLock.unlock();
          }
          rounds++;
        }
        return rounds;
      });
      List<Future<?>> walks = new ArrayList<>();
      for (int p = 0; p < publishers; p++) {
        int publisher = p;
        walks.add(pool.submit(() -> {
          go.await();
          for (long seq = 1; seq <= messages; seq++) {
            publish(c, publisher, seq, null);
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> w : walks) {
        w.get(60, TimeUnit.SECONDS);
      }
      publishing.set(false);
      assertThat(churn.get(60, TimeUnit.SECONDS)).as("churn rounds").isPositive();
    } finally {
      pool.shutdownNow();
    }

    assertThat(problems).isEmpty();
    for (Recorder e : stable) {
      assertThat(e.delivered()).as(e.id()).isEqualTo(publishers * messages);
    }
    for (Recorder e : churners) {
      assertThat(e.delivered()).as(e.id()).isLessThanOrEqualTo(publishers * messages);
    }
  }
}
