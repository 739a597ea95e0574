package dev.herald.benchmarks;

import dev.herald.transport.ChannelFanout;
import dev.herald.transport.Connection;
import dev.herald.transport.OutboundFrame;
import dev.herald.transport.SendCompletion;

/**
 * An in-memory client connection that counts what Herald sends it, keeps the last frame while
 * {@link #keepLast} is set (for checks; a benchmark clears it so that its measurement writes no
 * reference into thousands of old objects), and completes every write at once: a client that reads instantly and keeps nothing, so a benchmark can
 * send millions of notifications without frames piling up (unlike {@code InMemoryClient}, which
 * queues them for a test to read). Optionally fans out natively, through a {@link Fanout}.
 *
 * <p>Herald calls {@code send} for one connection from one thread at a time; the counters are read
 * by that same (benchmark) thread.
 */
final class DiscardingConnection implements Connection {
  private final String id;
  private final Fanout fanout;
  long frames;
  OutboundFrame last;
  boolean keepLast = true;
  String closeReason;

  DiscardingConnection(String id) {
    this(id, null);
  }

  DiscardingConnection(String id, Fanout fanout) {
    this.id = id;
    this.fanout = fanout;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String protocol() {
    return "bench";
  }

  @Override
  public void send(OutboundFrame frame, SendCompletion completion) {
    frames++;
    if (keepLast) {
      last = frame;
    }
    completion.completed(null);
  }

  @Override
  public void close(String reason) {
    closeReason = reason;
  }

  @Override
  public ChannelFanout fanout() {
    return fanout;
  }

  /** A transport's native fan-out that counts the frames it is handed and keeps the last one. */
  static final class Fanout implements ChannelFanout {
    long frames;
    OutboundFrame last;

    @Override
    public void joined(Connection connection, String channel) {}

    @Override
    public void left(Connection connection, String channel) {}

    @Override
    public void publish(OutboundFrame notification) {
      frames++;
      last = notification;
    }
  }
}
