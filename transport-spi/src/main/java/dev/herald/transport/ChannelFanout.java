package dev.herald.transport;

/**
 * Implemented, optionally, by a transport that fans out natively (an MQTT broker's topics, a
 * Socket.IO room): instead of one frame per subscribed connection, Herald tells it who joins and
 * leaves each channel, and hands it one frame per channel to publish.
 *
 * <p>Thread-safety: methods may be called from any thread; {@link #joined} and {@link #left} for one
 * connection arrive in order.
 */
public interface ChannelFanout {
  /** The connection now receives the channel's notifications. */
  void joined(Connection connection, String channel);

  /** The connection no longer receives the channel's notifications (also on disconnect). */
  void left(Connection connection, String channel);

  /** Delivers a notification to every connection that joined its {@linkplain OutboundFrame#channel() channel}. */
  void publish(OutboundFrame notification);
}
