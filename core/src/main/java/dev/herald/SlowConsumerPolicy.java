package dev.herald;

/**
 * What Herald does when a subscriber falls behind: its outbox (notifications not yet written) is
 * full. Other subscribers are never delayed either way.
 */
public enum SlowConsumerPolicy {
  /**
   * Close the connection (the default, as Kuzzle does): the client learns it lost notifications,
   * reconnects and subscribes again. For an in-process subscription: unsubscribe it.
   */
  DISCONNECT,
  /** Drop the notification and count it ({@link HeraldStats#notificationsDropped()}); keep the connection. */
  DROP
}
