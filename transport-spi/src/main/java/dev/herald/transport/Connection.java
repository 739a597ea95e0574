package dev.herald.transport;

/**
 * One client link, implemented by a transport: a WebSocket session, a Socket.IO socket, an MQTT
 * client, a TCP stream.
 *
 * <p>Thread-safety: implementations must accept {@link #send} and {@link #close} from any thread,
 * concurrently. Herald calls {@code send} for one connection from one thread at a time, in order,
 * and keeps at most a bounded number of frames in flight per connection.
 */
public interface Connection {
  /** Identifies the connection among the transport's open ones; stable for its whole life. */
  String id();

  /** The protocol name echoed in notifications ({@code "websocket"}, {@code "socketio"}, {@code "mqtt"}...). */
  String protocol();

  /**
   * Queues a frame for writing and returns at once, never blocking on the network. The transport
   * calls {@code completion} exactly once, from any thread, when the frame is written (failure
   * null) or cannot be (the link failed or closed). The frame's bytes are shared with other
   * connections: never modify them.
   */
  void send(OutboundFrame frame, SendCompletion completion);

  /**
   * Closes the link, for a reason meant for logs and, where the protocol carries one, for the client.
   * Idempotent. The transport still reports the end of the link with {@link Gateway#disconnected}.
   */
  void close(String reason);

  /**
   * The transport's native fan-out, when it has one (an MQTT broker's topics): Herald then tells it
   * which channels this connection joins and leaves, and hands it one frame per channel instead of
   * sending each notification through {@link #send}. Null (the default): one frame per connection.
   * Must return the same object for every connection of one transport.
   */
  default ChannelFanout fanout() {
    return null;
  }
}
