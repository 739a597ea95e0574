package dev.herald;

import dev.herald.api.RequestContext;
import dev.herald.filter.Document;
import java.util.List;

/**
 * What the host's storage layer reports, so Herald can notify subscribers: each document change,
 * with the context of the request that caused it (echoed in the notifications). Get it from
 * {@link Herald#documents()}.
 *
 * <p>Every method matches the document against the rooms of its collection and queues the
 * notifications for every subscriber before it returns, so events reported one after the other
 * reach each subscriber in that order. Matching takes no lock. Thread-safe; cost: one match of the
 * document, plus one serialization per notification (shared by every subscriber), plus one queue
 * operation per subscriber.
 *
 * <p>Documents: {@link Document#parse(byte[])} keeps the bytes, which the notifications carry as
 * they are; {@link Document#of(java.util.Map)} serializes the content once. The id is passed apart and
 * is visible to filters as {@code _id}.
 */
public interface DocumentEvents {
  // ---- "about to happen" (state "pending"), for subscriptions made with state pending or all ----

  /** A document is about to be created: "in" to the rooms it will match. */
  void creating(RequestContext context, String index, String collection, String id, Document source);

  /** A document is about to be replaced: "in" to the rooms its new content will match. */
  void replacing(RequestContext context, String index, String collection, String id, Document newSource);

  /** A document is about to be deleted: "out" to the rooms it matches. */
  void deleting(RequestContext context, String index, String collection, String id, Document source);

  // ---- done (state "done") ------------------------------------------------------------------

  /** A document was created: "in" to the rooms it matches. */
  void created(RequestContext context, String index, String collection, String id, Document source);

  /**
   * A document was replaced: "in" to the rooms its content matches, "out" to the rooms its previous
   * version matched and this one does not. Without the previous version ({@code null}), the rooms it
   * matched at its last notification are used (remembered for the configured TTL).
   */
  void replaced(RequestContext context, String index, String collection, String id, Document source,
      Document previous);

  /**
   * A document was updated: like {@link #replaced}, and the notifications list the
   * {@code updatedFields} (the paths the update wrote).
   */
  void updated(RequestContext context, String index, String collection, String id, Document source,
      Document previous, List<String> updatedFields);

  /** A document was deleted: "out" to the rooms it matched. */
  void deleted(RequestContext context, String index, String collection, String id, Document source);

  /**
   * A message was published, never stored: "in" to the rooms it matches, with action
   * {@code publish}. {@code id} may be null.
   */
  void published(RequestContext context, String index, String collection, String id, Document message);
}
