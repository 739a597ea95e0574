package dev.herald.internal.geo;

/**
 * Receives the items a {@link GeoIndex#query(GeoPoint, GeoHits) query} finds, each exactly once:
 * by its direct id when its owner gave it one, else as the item. Called on the querying thread; a
 * callback may run another query.
 */
public interface GeoHits<T> {
  /** An item without a direct id whose shape holds the point. */
  void item(T item);

  /**
   * An item with a direct id whose shape holds the point. The item is passed along but has not been
   * read: using the id alone spares a cache miss per hit.
   */
  void direct(String id, T item);
}
