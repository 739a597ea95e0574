package dev.herald.realtime;

import java.util.Map;

/**
 * Another subscriber entered ({@code user} "in") or left ("out") a subscription's room.
 *
 * @param channel the channel notified
 * @param user {@link Users#IN} or {@link Users#OUT}
 * @param timestamp epoch milliseconds
 * @param volatileData the volatile data the entering or leaving subscriber subscribed with
 * @param index the room's index
 * @param collection the room's collection
 * @param action {@code subscribe}, {@code join} or {@code unsubscribe}
 * @param protocol the entering or leaving subscriber's protocol
 * @param node the Herald node's id
 * @param count subscribers of the room after the change
 */
public record UserNotification(String channel, Users user, long timestamp, Map<String, Object> volatileData,
    String index, String collection, String action, String protocol, String node, int count)
    implements Notification {}
