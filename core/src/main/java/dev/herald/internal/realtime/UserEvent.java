package dev.herald.internal.realtime;

import dev.herald.realtime.Notification;
import dev.herald.realtime.UserNotification;
import dev.herald.realtime.Users;
import java.io.IOException;
import java.util.Map;

/** Another subscriber entered or left a room. */
final class UserEvent extends Event {
  final Users user;
  final long timestamp;
  final Map<String, Object> volatileData;
  final String index;
  final String collection;
  final String action;
  final String protocol;
  final String node;
  final int count;

  UserEvent(Users user, long timestamp, Map<String, Object> volatileData, String index, String collection,
      String action, String protocol, String node, int count) {
    this.user = user;
    this.timestamp = timestamp;
    this.volatileData = volatileData;
    this.index = index;
    this.collection = collection;
    this.action = action;
    this.protocol = protocol;
    this.node = node;
    this.count = count;
  }

  @Override
  void write(JsonOut out) throws IOException {
    out.field("type", "user");
    out.g.writeNumberField("status", 200);
    out.field("user", user.wireName());
    out.g.writeNumberField("timestamp", timestamp);
    out.field("volatile", (Object) volatileData);
    out.field("index", index);
    out.field("collection", collection);
    out.field("controller", "realtime");
    out.field("action", action);
    out.field("protocol", protocol);
    out.field("node", node);
    out.g.writeObjectFieldStart("result");
    out.g.writeNumberField("count", count);
    out.g.writeEndObject();
  }

  @Override
  Notification typed(String channel) {
    return new UserNotification(channel, user, timestamp, volatileData, index, collection, action, protocol, node,
        count);
  }
}
