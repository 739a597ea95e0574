package dev.herald.internal.realtime;

import dev.herald.realtime.Channel;
import dev.herald.transport.ChannelFanout;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A live channel: its subscribers, which dispatch reads without locking while the hotel adds and
 * removes them under its lock. Endpoints whose transport fans out natively are counted per fan-out
 * instead: the channel's frame goes once to each such transport.
 *
 * <h2>Subscribers</h2>
 *
 * The other endpoints sit in an array of slots that only grows at its end, published with the
 * number of slots in use ({@link Slots}). Joining appends to the next free slot; leaving empties
 * the endpoint's slot (a hole). The array is replaced by a copy holding only the subscribers when
 * it is full (at twice their number) or when holes outnumber subscribers. Both are O(1) amortized:
 * a copy costs O(subscribers + holes) and follows at least that many joins or leaves. Each
 * subscriber's {@link Member} handle, kept by its {@link Membership}, knows its slot.
 *
 * <p>Dispatch walks the slots array it read, up to the count it read, skipping holes. Within one
 * array an endpoint never moves and a slot, once emptied, is never filled again, so a walk meets
 * each endpoint at most once: exactly once if it stays subscribed for the whole walk, once or not
 * at all if it joins or leaves during it (a joiner is appended beyond the count the walk read), and
 * never twice even if it leaves and joins again meanwhile. Per connection, order is the outbox's:
 * a walk offers each endpoint the notification in the order walks happen.
 *
 * <p>Thread-safety: {@link #add} and {@link #remove} are called under the hotel lock; {@link
 * #deliver} from any thread, concurrently with them and with each other.
 */
final class ChannelState {
  private static final int MIN_CAPACITY = 4;

  final Channel channel;
  final RoomState room;

  /**
   * Slots [0, count) of {@code outboxes} (the endpoints' outboxes, which fan-out touches without going through the endpoints): null where an endpoint left. Writers only append at
   * {@code count} and empty slots; an array that stops being the published one is never written
   * again (a walk still reading it sees the subscribers of that moment, less some that left).
   */
  private static final class Slots {
    final Outbox<?>[] outboxes;
    volatile int count;

    Slots(Outbox<?>[] outboxes, int count) {
      this.outboxes = outboxes;
      this.count = count;
    }
  }

  /** One endpoint on this channel: where it is, for the hotel to remove it in O(1). */
  static final class Member {
    final Endpoint endpoint;
    private int slot;

    private Member(Endpoint endpoint) {
      this.endpoint = endpoint;
    }
  }

  private volatile Slots slots = new Slots(new Outbox<?>[MIN_CAPACITY], 0);
  /** The members by slot, parallel to {@code slots.outboxes}; guarded by the hotel lock. */
  private Member[] members = new Member[MIN_CAPACITY];
  private int live; // guarded by the hotel lock
  private int holes; // guarded by the hotel lock

  private volatile ChannelFanout[] fanouts = new ChannelFanout[0];
  private final Map<ChannelFanout, Integer> fanoutMembers = new IdentityHashMap<>();

  ChannelState(Channel channel, RoomState room) {
    this.channel = channel;
    this.room = room;
  }

  String id() {
    return channel.id();
  }

  /** Subscribes an endpoint; the hotel calls this once per endpoint and channel, under its lock. */
  Member add(Endpoint e) {
    Member m = new Member(e);
    ChannelFanout f = e.fanout();
    if (f != null) {
      f.joined(e.connection(), channel.id());
      if (fanoutMembers.merge(f, 1, Integer::sum) == 1) {
        fanouts = fanoutMembers.keySet().toArray(new ChannelFanout[0]);
      }
      m.slot = -1;
      return m;
    }
    Slots s = slots;
    int n = s.count;
    if (n == s.outboxes.length) {
      s = rebuild(2 * (live + 1));
      n = s.count;
    }
    m.slot = n;
    members[n] = m;
    s.outboxes[n] = e.outbox();
    s.count = n + 1; // publishes the slot to walks that read the count from now on
    live++;
    return m;
  }

  /** Unsubscribes a member {@link #add} returned, once; under the hotel lock. */
  void remove(Member m) {
    Endpoint e = m.endpoint;
    ChannelFanout f = e.fanout();
    if (f != null) {
      f.left(e.connection(), channel.id());
      if (fanoutMembers.merge(f, -1, Integer::sum) == 0) {
        fanoutMembers.remove(f);
        fanouts = fanoutMembers.keySet().toArray(new ChannelFanout[0]);
      }
      return;
    }
    int i = m.slot;
    // A walk racing with this store may still see the endpoint: it left during the walk.
    slots.outboxes[i] = null;
    members[i] = null;
    m.slot = -1;
    live--;
    holes++;
    if (holes > live) {
      rebuild(2 * live);
    }
  }

  /** Publishes a new array with the live members in their order, and no holes. */
  private Slots rebuild(int capacity) {
    Outbox<?>[] to = new Outbox<?>[Math.max(MIN_CAPACITY, capacity)];
    Member[] toMembers = new Member[to.length];
    int n = 0;
    for (int i = 0; i < members.length; i++) {
      Member m = members[i];
      if (m != null) {
        m.slot = n;
        toMembers[n] = m;
        to[n++] = m.endpoint.outbox();
      }
    }
    members = toMembers;
    holes = 0;
    Slots s = new Slots(to, n);
    slots = s;
    return s;
  }

  /**
   * Queues one notification for every subscriber but {@code except} (null for none), and hands its
   * frame to each native fan-out. Returns how many were queued or handed. Lock-free.
   */
  int deliver(Delivery d, Endpoint except) {
    Outbox<?> skip = except == null ? null : except.outbox();
    Slots s = slots;
    Outbox<?>[] outboxes = s.outboxes;
    int n = s.count;
    int delivered = 0;
    for (int i = 0; i < n; i++) {
      Outbox<?> o = outboxes[i];
      if (o != null && o != skip && o.offer(d)) {
        delivered++;
      }
    }
    for (ChannelFanout f : fanouts) {
      f.publish(d.frame());
      delivered++;
    }
    return delivered;
  }

  /** Subscribers delivered one by one (not through a native fan-out); under the hotel lock. */
  int endpointCount() {
    return live;
  }

  /** Slots in the published array, holes included; under the hotel lock. For tests. */
  int slotCount() {
    return slots.count;
  }

  @Override
  public String toString() {
    return "ChannelState[" + channel.id() + ", " + live + " endpoints, " + holes + " holes, " + fanouts.length
        + " fan-outs]";
  }
}
