package dev.herald.internal.realtime;

import dev.herald.realtime.Notification;
import dev.herald.realtime.ServerNotification;
import java.io.IOException;

/** A server notification: the connection's token expired. */
final class ServerEvent extends Event {
  static final String CHANNEL = "kuzzle:notification:server";
  private static final String INFO = "This is an automated server notification";
  private static final String MESSAGE = "Authentication Token Expired";

  private final String node;

  ServerEvent(String node) {
    this.node = node;
  }

  @Override
  void write(JsonOut out) throws IOException {
    out.field("type", ServerNotification.TOKEN_EXPIRED);
    out.g.writeNumberField("status", 200);
    out.field("info", INFO);
    out.field("message", MESSAGE);
    out.field("node", node);
  }

  @Override
  Notification typed(String channel) {
    return new ServerNotification(channel, ServerNotification.TOKEN_EXPIRED, MESSAGE, node);
  }
}
