package dev.herald.realtime;

/**
 * An in-process subscription, made with {@link dev.herald.Herald#subscribe}. Thread-safe.
 */
public interface Subscription extends AutoCloseable {
  Room room();

  Channel channel();

  /** Whether the subscription still receives notifications. */
  boolean isActive();

  /** Stops the notifications; idempotent. Others in the room are told (user "out"). */
  void unsubscribe();

  /** Same as {@link #unsubscribe()}. */
  @Override
  default void close() {
    unsubscribe();
  }
}
