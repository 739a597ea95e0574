package dev.herald.internal.realtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.herald.DocumentEvents;
import dev.herald.api.RequestContext;
import dev.herald.filter.Document;
import dev.herald.realtime.Scope;
import dev.herald.realtime.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns document changes into notifications: matches the document against the rooms of its
 * collection, selects each room's channels by scope and state, and queues one shared frame per
 * channel to its subscribers. Remembers, per document, the rooms it matched at its last
 * notification (a bounded Caffeine cache with a TTL), to tell rooms it leaves when the host gives no
 * previous version. Thread-safe.
 */
final class Notifier implements DocumentEvents {
  private final Hotel hotel;
  private final String node;
  private final DeliveryStats stats;
  private final Cache<String, String[]> matchedRooms;

  Notifier(Hotel hotel, String node, Duration ttl, long maxDocuments, Ticker ticker, DeliveryStats stats) {
    this.hotel = hotel;
    this.node = node;
    this.stats = stats;
    this.matchedRooms = Caffeine.newBuilder()
        .expireAfterWrite(ttl)
        .maximumSize(maxDocuments)
        .ticker(ticker)
        .executor(Runnable::run)
        .build();
  }

  @Override
  public void creating(RequestContext context, String index, String collection, String id, Document source) {
    notify(context, index, collection, id, source, "create", "write", Scope.IN, State.PENDING, null);
  }

  @Override
  public void replacing(RequestContext context, String index, String collection, String id, Document newSource) {
    notify(context, index, collection, id, newSource, "replace", "write", Scope.IN, State.PENDING, null);
  }

  @Override
  public void deleting(RequestContext context, String index, String collection, String id, Document source) {
    notify(context, index, collection, id, source, "delete", "delete", Scope.OUT, State.PENDING, null);
  }

  @Override
  public void created(RequestContext context, String index, String collection, String id, Document source) {
    List<RoomState> rooms = notify(context, index, collection, id, source, "create", "write", Scope.IN, State.DONE,
        null);
    remember(new CollectionKey(index, collection), id, rooms);
  }

  @Override
  public void replaced(RequestContext context, String index, String collection, String id, Document source,
      Document previous) {
    change(context, index, collection, id, source, previous, "replace", null);
  }

  @Override
  public void updated(RequestContext context, String index, String collection, String id, Document source,
      Document previous, List<String> updatedFields) {
    change(context, index, collection, id, source, previous, "update",
        updatedFields == null ? List.of() : List.copyOf(updatedFields));
  }

  @Override
  public void deleted(RequestContext context, String index, String collection, String id, Document source) {
    notify(context, index, collection, id, source, "delete", "delete", Scope.OUT, State.DONE, null);
    matchedRooms.invalidate(cacheKey(new CollectionKey(index, collection), id));
  }

  @Override
  public void published(RequestContext context, String index, String collection, String id, Document message) {
    notify(context, index, collection, id, message, "publish", "publish", Scope.IN, State.DONE, null);
  }

  private List<RoomState> notify(RequestContext context, String index, String collection, String id,
      Document source, String action, String event, Scope scope, State state, List<String> updatedFields) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(source, "source");
    CollectionKey key = new CollectionKey(index, collection);
    List<RoomState> rooms = hotel.match(key, id == null ? source : source.withId(id));
    if (!rooms.isEmpty()) {
      dispatch(rooms, new DocumentEvent(context, index, collection, action, event, scope, state, node, id, source,
          updatedFields));
    }
    return rooms;
  }

  private void change(RequestContext context, String index, String collection, String id, Document source,
      Document previous, String action, List<String> updatedFields) {
    Objects.requireNonNull(id, "id");
    CollectionKey key = new CollectionKey(index, collection);
    List<RoomState> now = notify(context, index, collection, id, source, action, "write", Scope.IN, State.DONE,
        updatedFields);
    Set<String> before = new HashSet<>();
    if (previous != null) {
      for (RoomState r : hotel.match(key, previous.withId(id))) {
        before.add(r.id());
      }
    } else {
      String[] cached = matchedRooms.getIfPresent(cacheKey(key, id));
      if (cached != null) {
        before.addAll(List.of(cached));
      }
    }
    for (RoomState r : now) {
      before.remove(r.id());
    }
    if (!before.isEmpty()) {
      List<RoomState> left = new ArrayList<>(before.size());
      for (String roomId : before) {
        RoomState r = hotel.room(roomId);
        if (r != null) {
          left.add(r);
        }
      }
      dispatch(left, new DocumentEvent(context, index, collection, action, "write", Scope.OUT, State.DONE, node, id,
          source, updatedFields));
    }
    remember(key, id, now);
  }

  private void remember(CollectionKey key, String id, List<RoomState> rooms) {
    if (id == null) {
      return;
    }
    String k = cacheKey(key, id);
    if (rooms.isEmpty()) {
      matchedRooms.invalidate(k);
    } else {
      String[] ids = new String[rooms.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = rooms.get(i).id();
      }
      matchedRooms.put(k, ids);
    }
  }

  private static String cacheKey(CollectionKey key, String id) {
    return key.engineIndex() + id; // the engine index is a JSON array: the concatenation is unambiguous
  }

  private void dispatch(List<RoomState> rooms, DocumentEvent event) {
    for (RoomState room : rooms) {
      for (ChannelState c : room.channelArray) {
        if (!c.channel.scope().accepts(event.scope) || !c.channel.state().accepts(event.state)) {
          continue;
        }
        stats.delivered(c.deliver(new Delivery(c.id(), event), null));
      }
    }
  }

  long cachedDocuments() {
    return matchedRooms.estimatedSize();
  }
}
