package dev.herald.internal.realtime;

import dev.herald.api.ApiException;
import dev.herald.api.KuzzleError;
import dev.herald.api.Request;
import dev.herald.auth.Authorizer;
import dev.herald.auth.Identity;
import dev.herald.filter.Document;
import dev.herald.filter.Filter;
import dev.herald.filter.FilterEngine;
import dev.herald.filter.FilterException;
import dev.herald.realtime.Scope;
import dev.herald.realtime.State;
import dev.herald.realtime.SubscribeOptions;
import dev.herald.realtime.Users;
import dev.herald.transport.OutboundFrame;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kuzzle's {@code realtime} controller: subscribe, unsubscribe, join, count, list, publish,
 * validate. Every option is validated before anything is created. Runs on the caller's thread and
 * never blocks.
 */
final class RealtimeController {
  private final Hotel hotel;
  private final Notifier notifier;
  private final FilterEngine engine;
  private final Authorizer authorizer;
  private final Clock clock;
  private final Responses responses;

  RealtimeController(Hotel hotel, Notifier notifier, FilterEngine engine, Authorizer authorizer, Clock clock,
      Responses responses) {
    this.hotel = hotel;
    this.notifier = notifier;
    this.engine = engine;
    this.authorizer = authorizer;
    this.clock = clock;
    this.responses = responses;
  }

  void handle(ConnectionEndpoint ep, RequestReader.Envelope env, Request r) {
    Object result;
    switch (r.action()) {
      case "subscribe":
        subscribe(ep, env, r);
        return; // answered before the subscription becomes visible
      case "join":
        join(ep, env, r);
        return;
      case "unsubscribe": {
        String roomId = roomId(r);
        hotel.unsubscribe(ep, roomId);
        result = Map.of("roomId", roomId);
        break;
      }
      case "count":
        result = Map.of("count", hotel.count(roomId(r)));
        break;
      case "list":
        result = hotel.list(k -> authorizer.canSubscribe(r.identity(), k.index(), k.collection()));
        break;
      case "publish":
        publish(r);
        result = Map.of("published", true);
        break;
      case "validate":
        requireName("index", r.index());
        requireName("collection", r.collection());
        body(r);
        result = Map.of("valid", true);
        break;
      default:
        throw KuzzleError.ACTION_NOT_FOUND.exception(r.controller(), r.action());
    }
    ep.respond(OutboundFrame.response(env.requestIdOrNew(), responses.success(env, result)));
  }

  private void subscribe(ConnectionEndpoint ep, RequestReader.Envelope env, Request r) {
    String index = requireName("index", r.index());
    String collection = requireName("collection", r.collection());
    Map<String, Object> body = body(r);
    SubscribeOptions options = options(r);
    authorize(r, "subscribe", authorizer.canSubscribe(r.identity(), index, collection));
    Filter filter;
    try {
      filter = engine.parse(body);
    } catch (FilterException e) {
      throw filterError(e);
    }
    hotel.subscribe(ep, new CollectionKey(index, collection), filter, options,
        s -> ep.respond(OutboundFrame.response(env.requestIdOrNew(), responses.success(env, ids(s)))));
  }

  private void join(ConnectionEndpoint ep, RequestReader.Envelope env, Request r) {
    String roomId = roomId(r);
    SubscribeOptions options = options(r);
    RoomState room = hotel.room(roomId);
    if (room == null) {
      throw KuzzleError.ROOM_NOT_FOUND.exception(roomId);
    }
    authorize(r, "join", authorizer.canSubscribe(r.identity(), room.room.index(), room.room.collection()));
    hotel.join(ep, roomId, options,
        s -> ep.respond(OutboundFrame.response(env.requestIdOrNew(), responses.success(env, ids(s)))));
  }

  private static Map<String, Object> ids(Hotel.Subscribed s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("roomId", s.room().id());
    m.put("channel", s.channel().id());
    return m;
  }

  private void publish(Request r) {
    String index = requireName("index", r.index());
    String collection = requireName("collection", r.collection());
    Map<String, Object> body = body(r);
    authorize(r, "publish", authorizer.canPublish(r.identity(), index, collection));
    Map<String, Object> message = new LinkedHashMap<>(body);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("author", r.identity().kuid());
    info.put("createdAt", clock.millis());
    message.put("_kuzzle_info", info);
    notifier.published(r.context(), index, collection, r.id(), Document.of(message));
  }

  private void authorize(Request r, String action, boolean allowed) {
    if (allowed) {
      return;
    }
    Identity who = r.identity();
    if (who.isAnonymous()) {
      throw KuzzleError.UNAUTHORIZED.exception("realtime", action);
    }
    throw KuzzleError.FORBIDDEN.exception("realtime", action, who.kuid());
  }

  private static ApiException filterError(FilterException e) {
    if (e.reason() == FilterException.Reason.TOO_DEEP) {
      return KuzzleError.TOO_DEEP.exception(e.getMessage());
    }
    return KuzzleError.KONCORDE_DSL_ERROR.exception(e.getMessage());
  }

  private static SubscribeOptions options(Request r) {
    Scope scope = option(r, "scope", Scope.ALL, Scope::fromWire, KuzzleError.INVALID_SCOPE);
    Users users = option(r, "users", Users.NONE, Users::fromWire, KuzzleError.INVALID_USERS);
    State state = option(r, "state", State.DONE, State::fromWire, KuzzleError.INVALID_STATE);
    return new SubscribeOptions(scope, users, state, r.volatileData());
  }

  private static <T> T option(Request r, String name, T defaultValue, java.util.function.Function<String, T> parse,
      KuzzleError invalid) {
    if (!r.args().containsKey(name)) {
      return defaultValue;
    }
    Object v = r.arg(name);
    T t = v instanceof String ? parse.apply((String) v) : null;
    if (t == null) {
      throw invalid.exception();
    }
    return t;
  }

  private static String roomId(Request r) {
    Map<String, Object> body = r.bodyObject();
    Object roomId = body == null ? null : body.get("roomId");
    if (roomId == null) {
      throw KuzzleError.MISSING_ARGUMENT.exception("body.roomId");
    }
    if (!(roomId instanceof String)) {
      throw KuzzleError.INVALID_TYPE.exception("body.roomId", "string");
    }
    return (String) roomId;
  }

  private static Map<String, Object> body(Request r) {
    if (r.body() == null) {
      throw KuzzleError.BODY_REQUIRED.exception();
    }
    Map<String, Object> body = r.bodyObject();
    if (body == null) {
      throw KuzzleError.INVALID_TYPE.exception("body", "object");
    }
    return body;
  }

  private static String requireName(String what, String name) {
    if (name == null) {
      throw KuzzleError.MISSING_ARGUMENT.exception(what);
    }
    checkName(what, name);
    return name;
  }

  /** Kuzzle's naming rules for indexes and collections: no "/", no upper case, at most 126 bytes. */
  static void checkName(String what, String name) {
    if (name.isEmpty() || name.indexOf('/') >= 0 || !name.equals(name.toLowerCase(java.util.Locale.ROOT))
        || name.getBytes(StandardCharsets.UTF_8).length > 126) {
      throw KuzzleError.INVALID_ARGUMENT.exception(what,
          "a non-empty name without \"/\" nor upper-case letters, of at most 126 bytes");
    }
  }
}
