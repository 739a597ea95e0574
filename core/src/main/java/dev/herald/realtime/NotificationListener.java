package dev.herald.realtime;

/**
 * Receives the notifications of an in-process subscription.
 *
 * <p>Threading: for one subscription, calls happen one at a time, in the order the events were
 * reported, on Herald's listener executor (never on the thread reporting the event). A listener
 * that falls behind by more than the outbox capacity is handled by the slow-consumer policy, like a
 * network client. WARNING: a listener should not block; an exception it throws is logged and
 * otherwise ignored.
 */
@FunctionalInterface
public interface NotificationListener {
  void onNotification(Notification notification);
}
