package dev.herald.internal.realtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subscriber: a client connection, or an in-process subscription. Its memberships are guarded by
 * the {@link Hotel}'s lock.
 */
abstract class Endpoint {
  /** Rooms this endpoint is in, by room id; guarded by the hotel lock. */
  final Map<String, Membership> memberships = new LinkedHashMap<>();
  /** Set once, under the hotel lock, when the endpoint leaves for good. */
  boolean gone;

  abstract String id();

  abstract String protocol();

  /** Where this endpoint's notifications wait: what a channel's fan-out walks, without the endpoint. */
  abstract Outbox<?> outbox();

  /** Queues a notification that only this endpoint receives (token expiry). */
  abstract void deliverPrivate(Event event, String channel);

  /** The transport fan-out this endpoint's notifications go through, or null for per-endpoint delivery. */
  dev.herald.transport.ChannelFanout fanout() {
    return null;
  }

  dev.herald.transport.Connection connection() {
    return null;
  }
}
