package dev.herald.transport;

/** Told once when a frame handed to {@link Connection#send} is written, or cannot be. */
@FunctionalInterface
public interface SendCompletion {
  /** A completion that does nothing. */
  SendCompletion IGNORE = failure -> {};

  /**
   * @param failure null when the frame was written; otherwise why it was not. Must not block or throw.
   */
  void completed(Throwable failure);
}
