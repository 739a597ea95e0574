package dev.herald.realtime;

import java.util.List;
import java.util.Map;

/**
 * A document entered or left a subscription's scope, or is about to.
 *
 * @param channel the channel notified
 * @param requestId the id of the request that caused the change (null when none)
 * @param timestamp when that request was received, epoch milliseconds
 * @param volatileData that request's volatile data (may be null)
 * @param index the document's index
 * @param collection the document's collection
 * @param controller the controller of the request ({@code document}, {@code realtime}...)
 * @param action {@code create}, {@code replace}, {@code update}, {@code delete} or {@code publish}
 * @param event {@code write}, {@code delete} or {@code publish}
 * @param protocol the protocol of the request ({@code websocket}, {@code mqtt}...)
 * @param scope {@link Scope#IN} or {@link Scope#OUT}
 * @param state {@link State#PENDING} or {@link State#DONE}
 * @param node the Herald node's id
 * @param documentId the document's id (null for a publication without one)
 * @param source the document's content
 * @param updatedFields the fields an update changed (null unless the action is {@code update})
 */
public record DocumentNotification(String channel, String requestId, long timestamp, Map<String, Object> volatileData,
    String index, String collection, String controller, String action, String event, String protocol, Scope scope,
    State state, String node, String documentId, Map<String, Object> source, List<String> updatedFields)
    implements Notification {}
