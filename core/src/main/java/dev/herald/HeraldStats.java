package dev.herald;

/**
 * A snapshot of a {@link Herald}'s activity.
 *
 * @param connections open client connections
 * @param rooms rooms with at least one subscriber
 * @param channels channels of those rooms
 * @param subscriptions (connection or in-process subscriber, room) pairs
 * @param notificationsDelivered notification frames written to connections and notifications handed to listeners
 * @param notificationsDropped notifications dropped by the {@link SlowConsumerPolicy#DROP} policy
 * @param slowConsumersDisconnected connections closed (or listeners unsubscribed) by {@link SlowConsumerPolicy#DISCONNECT}
 */
public record HeraldStats(int connections, int rooms, int channels, int subscriptions, long notificationsDelivered,
    long notificationsDropped, long slowConsumersDisconnected) {}
