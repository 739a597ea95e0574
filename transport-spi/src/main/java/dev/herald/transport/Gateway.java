package dev.herald.transport;

/**
 * What a transport calls: Herald's entry point for client links.
 *
 * <p>Thread-safety: every method may be called from any thread, concurrently for different
 * connections. For one connection, the transport calls {@code connected} first, then
 * {@code received} in the order the frames arrived (from one thread at a time), then
 * {@code disconnected} once. None of them blocks on the network or throws on bad input: a malformed
 * request gets an error response.
 */
public interface Gateway {
  /** A client link opened. */
  void connected(Connection connection);

  /** One request frame (a UTF-8 JSON object) arrived on the link. The array is not kept. */
  void received(Connection connection, byte[] frame);

  /** One request frame arrived as text. */
  void received(Connection connection, String frame);

  /** The link closed, whatever the cause. Idempotent. */
  void disconnected(Connection connection);
}
