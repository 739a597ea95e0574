package dev.herald.realtime;

/**
 * A message from the server to one subscriber; the only type is {@code TokenExpired}: the
 * subscriber's authentication token expired, and its subscriptions are gone.
 *
 * @param channel the channel notified
 * @param type {@code TokenExpired}
 * @param message {@code Authentication Token Expired}
 * @param node the Herald node's id
 */
public record ServerNotification(String channel, String type, String message, String node) implements Notification {
  public static final String TOKEN_EXPIRED = "TokenExpired";
}
