package dev.herald.internal.realtime;

import dev.herald.api.KuzzleError;
import dev.herald.filter.Document;
import dev.herald.filter.Filter;
import dev.herald.filter.FilterEngine;
import dev.herald.internal.filter.Sha256;
import dev.herald.realtime.Channel;
import dev.herald.realtime.Room;
import dev.herald.realtime.SubscribeOptions;
import dev.herald.realtime.Users;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The registry of rooms, channels and subscriptions (Kuzzle's "hotel clerk"). Every change happens
 * under one lock, so counts are exact and never negative, and the user notifications a change
 * causes are queued, in order, before the lock is released. Document dispatch reads the published
 * room and channel arrays without the lock.
 */
final class Hotel {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, RoomState> rooms = new HashMap<>();
  /** engine index → filter id → room: what dispatch reads after matching. */
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, RoomState>> byCollection = new ConcurrentHashMap<>();
  private final FilterEngine engine;
  private final Clock clock;
  private final String node;
  private final DeliveryStats stats;
  private final int maxRooms;
  private final int maxSubscriptionsPerConnection;
  private int channelCount;
  private int subscriptionCount;

  /** Ids of a subscription: the room and the channel, and their public views. */
  record Subscribed(RoomState room, ChannelState channel) {}

  Hotel(FilterEngine engine, Clock clock, String node, int maxRooms, int maxSubscriptionsPerConnection,
      DeliveryStats stats) {
    this.engine = engine;
    this.clock = clock;
    this.node = node;
    this.stats = stats;
    this.maxRooms = maxRooms;
    this.maxSubscriptionsPerConnection = maxSubscriptionsPerConnection;
  }

  /** The deterministic room id: SHA-256 of the collection key and the filter's canonical form. */
  static String roomId(CollectionKey key, Filter filter) {
    return Sha256.hex(key.engineIndex() + filter);
  }

  /**
   * Subscribes an endpoint. {@code answer} runs once the endpoint is on the channel, before the
   * others in the room are told. Returns null when the endpoint is already gone.
   */
  Subscribed subscribe(Endpoint e, CollectionKey key, Filter filter, SubscribeOptions options,
      Consumer<Subscribed> answer) {
    lock.lock();
    try {
      if (e.gone) {
        return null;
      }
      String roomId = roomId(key, filter);
      RoomState room = rooms.get(roomId);
      checkSubscriptionLimit(e, roomId);
      if (room == null) {
        if (rooms.size() >= maxRooms) {
          throw KuzzleError.TOO_MANY_ROOMS.exception();
        }
        String engineIndex = key.engineIndex();
        engine.register(engineIndex, filter);
        room = new RoomState(new Room(roomId, key.index(), key.collection(), filter), key, engineIndex);
        rooms.put(roomId, room);
        byCollection.computeIfAbsent(engineIndex, k -> new ConcurrentHashMap<>()).put(filter.id(), room);
      }
      return enter(e, room, options, "subscribe", answer);
    } finally {
      lock.unlock();
    }
  }

  /** Joins an existing room by id. */
  Subscribed join(Endpoint e, String roomId, SubscribeOptions options, Consumer<Subscribed> answer) {
    lock.lock();
    try {
      if (e.gone) {
        return null;
      }
      RoomState room = rooms.get(roomId);
      if (room == null) {
        throw KuzzleError.ROOM_NOT_FOUND.exception(roomId);
      }
      checkSubscriptionLimit(e, roomId);
      return enter(e, room, options, "join", answer);
    } finally {
      lock.unlock();
    }
  }

  private void checkSubscriptionLimit(Endpoint e, String roomId) {
    if (!e.memberships.containsKey(roomId) && e.memberships.size() >= maxSubscriptionsPerConnection) {
      throw KuzzleError.TOO_MANY_SUBSCRIPTIONS.exception(maxSubscriptionsPerConnection);
    }
  }

  private Subscribed enter(Endpoint e, RoomState room, SubscribeOptions options, String action,
      Consumer<Subscribed> answer) {
    String channelId = Channel.id(room.id(), options.scope(), options.users(), options.state());
    ChannelState channel = room.channel(channelId);
    if (channel == null) {
      channel = new ChannelState(new Channel(channelId, room.id(), options.scope(), options.users(), options.state()),
          room);
      room.addChannel(channel);
      channelCount++;
    }
    Membership m = e.memberships.get(room.id());
    boolean entered = m == null;
    if (entered) {
      m = new Membership(room, options.volatileData(), e.protocol());
      e.memberships.put(room.id(), m);
      room.subscribers++;
      subscriptionCount++;
    }
    if (!m.channels.containsKey(channel)) {
      m.channels.put(channel, channel.add(e));
    }
    // Answer once the endpoint receives the channel's notifications: an event reported after the
    // client reads the answer always reaches it (one racing with the subscription may arrive first).
    Subscribed result = new Subscribed(room, channel);
    answer.accept(result);
    if (entered) {
      notifyUsers(room, Users.IN, action, m, e);
    }
    return result;
  }

  /** Leaves a room (every channel of it); user "out" to the others. */
  void unsubscribe(Endpoint e, String roomId) {
    lock.lock();
    try {
      Membership m = e.memberships.get(roomId);
      if (m == null) {
        throw KuzzleError.NOT_SUBSCRIBED.exception(e.id(), roomId);
      }
      leave(e, m, true);
    } finally {
      lock.unlock();
    }
  }

  /** Removes every subscription of an endpoint that is going away; idempotent. */
  void leaveAll(Endpoint e, boolean notify) {
    lock.lock();
    try {
      if (e.gone) {
        return;
      }
      e.gone = true;
      for (Membership m : new ArrayList<>(e.memberships.values())) {
        leave(e, m, notify);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Tells an endpoint its token expired, once on each of its channels and once on the server
   * channel, then removes its subscriptions (user "out" to the others). The endpoint stays usable.
   */
  void expire(Endpoint e) {
    lock.lock();
    try {
      if (e.gone) {
        return;
      }
      ServerEvent event = new ServerEvent(node);
      for (Membership m : e.memberships.values()) {
        for (ChannelState c : m.channels.keySet()) {
          e.deliverPrivate(event, c.id());
        }
      }
      e.deliverPrivate(event, ServerEvent.CHANNEL);
      for (Membership m : new ArrayList<>(e.memberships.values())) {
        leave(e, m, true);
      }
    } finally {
      lock.unlock();
    }
  }

  private void leave(Endpoint e, Membership m, boolean notify) {
    RoomState room = m.room;
    e.memberships.remove(room.id());
    for (Map.Entry<ChannelState, ChannelState.Member> c : m.channels.entrySet()) {
      c.getKey().remove(c.getValue());
    }
    room.subscribers--;
    subscriptionCount--;
    if (notify) {
      notifyUsers(room, Users.OUT, "unsubscribe", m, e);
    }
    if (room.subscribers == 0) {
      rooms.remove(room.id());
      ConcurrentHashMap<String, RoomState> byFilter = byCollection.get(room.engineIndex);
      if (byFilter != null) {
        byFilter.remove(room.room.filter().id(), room);
        if (byFilter.isEmpty()) {
          byCollection.remove(room.engineIndex, byFilter);
        }
      }
      engine.remove(room.engineIndex, room.room.filter().id());
      channelCount -= room.channels.size();
    }
  }

  private void notifyUsers(RoomState room, Users kind, String action, Membership m, Endpoint cause) {
    UserEvent event = null;
    for (ChannelState c : room.channelArray) {
      if (!c.channel.users().accepts(kind)) {
        continue;
      }
      if (event == null) {
        event = new UserEvent(kind, clock.millis(), m.volatileData, room.room.index(), room.room.collection(),
            action, m.protocol, node, room.subscribers);
      }
      stats.delivered(c.deliver(new Delivery(c.id(), event), cause));
    }
  }

  // ---- reads --------------------------------------------------------------------------------

  /** The rooms of a collection whose filter the document matches; lock-free. */
  List<RoomState> match(CollectionKey key, Document document) {
    String engineIndex = key.engineIndex();
    ConcurrentHashMap<String, RoomState> byFilter = byCollection.get(engineIndex);
    if (byFilter == null) {
      return List.of();
    }
    List<RoomState> out = new ArrayList<>();
    engine.forEachMatch(engineIndex, document, id -> {
      RoomState r = byFilter.get(id);
      if (r != null) {
        out.add(r);
      }
    });
    return out;
  }

  RoomState room(String roomId) {
    lock.lock();
    try {
      return rooms.get(roomId);
    } finally {
      lock.unlock();
    }
  }

  boolean isMember(Endpoint e, String roomId) {
    lock.lock();
    try {
      return e.memberships.containsKey(roomId);
    } finally {
      lock.unlock();
    }
  }

  /** Subscribers of a room (0 for an unknown room). */
  int count(String roomId) {
    lock.lock();
    try {
      RoomState r = rooms.get(roomId);
      return r == null ? 0 : r.subscribers;
    } finally {
      lock.unlock();
    }
  }

  /** index → collection → room id → subscribers, for the collections {@code visible} accepts. */
  Map<String, Object> list(Predicate<CollectionKey> visible) {
    lock.lock();
    try {
      Map<String, Map<String, Map<String, Object>>> out = new TreeMap<>();
      for (RoomState r : rooms.values()) {
        if (visible.test(r.key)) {
          out.computeIfAbsent(r.room.index(), k -> new TreeMap<>())
              .computeIfAbsent(r.room.collection(), k -> new TreeMap<>())
              .put(r.id(), (long) r.subscribers);
        }
      }
      return new LinkedHashMap<>(out);
    } finally {
      lock.unlock();
    }
  }

  /** {rooms, channels, subscriptions}. */
  int[] sizes() {
    lock.lock();
    try {
      return new int[] {rooms.size(), channelCount, subscriptionCount};
    } finally {
      lock.unlock();
    }
  }

}
