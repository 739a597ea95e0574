package dev.herald.realtime;

/**
 * What an in-process subscription receives: a {@link DocumentNotification}, a
 * {@link UserNotification} or a {@link ServerNotification}, with the fields of Kuzzle's JSON
 * notifications.
 */
public sealed interface Notification permits DocumentNotification, UserNotification, ServerNotification {
  /** The channel the notification was sent to. */
  String channel();

  /** The id of the Herald node that produced it. */
  String node();
}
