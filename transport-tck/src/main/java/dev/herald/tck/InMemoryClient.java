package dev.herald.tck;

import dev.herald.filter.Document;
import dev.herald.transport.Connection;
import dev.herald.transport.Gateway;
import dev.herald.transport.OutboundFrame;
import dev.herald.transport.SendCompletion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client side of an in-memory connection: sends request frames, receives what Herald sends.
 * A test may {@link #holdCompletions(boolean) hold} write completions to play a client that reads
 * nothing. Thread-safe.
 */
public final class InMemoryClient implements AutoCloseable {
  private final Gateway gateway;
  private final BlockingQueue<OutboundFrame> inbox = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<SendCompletion> held = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean hold = new AtomicBoolean();
  private final Connection connection;
  private volatile String closeReason;

  InMemoryClient(Gateway gateway, String id, String protocol) {
    this.gateway = gateway;
    this.connection = new Connection() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String protocol() {
        return protocol;
      }

      @Override
      public void send(OutboundFrame frame, SendCompletion completion) {
        if (closed.get()) {
          completion.completed(new IllegalStateException("connection closed"));
          return;
        }
        inbox.add(frame);
        if (hold.get()) {
          held.add(completion);
        } else {
          completion.completed(null);
        }
      }

      @Override
      public void close(String reason) {
        closeReason = reason;
        disconnect();
      }

      @Override
      public String toString() {
        return "InMemoryConnection[" + id + "]";
      }
    };
  }

  /** The server side of this connection. */
  public Connection connection() {
    return connection;
  }

  public String id() {
    return connection.id();
  }

  /** Sends one request frame. */
  public void send(String json) {
    gateway.received(connection, json);
  }

  /** Sends one request given as Java values. */
  public void send(Map<String, ?> request) {
    gateway.received(connection, new String(Document.of(request).json(), java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The next frame received, waiting up to {@code timeout}; null when none came. */
  public OutboundFrame poll(Duration timeout) {
    try {
      return inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The next frame received, waiting up to 10 seconds; fails when none came. */
  public OutboundFrame next() {
    OutboundFrame f = poll(Duration.ofSeconds(10));
    if (f == null) {
      throw new AssertionError(id() + " received nothing within 10 s");
    }
    return f;
  }

  /** The next frame's JSON as a map. */
  public Map<String, Object> nextJson() {
    return Document.parse(next().json()).content();
  }

  /** Every frame received so far, without waiting. */
  public List<OutboundFrame> drain() {
    List<OutboundFrame> out = new ArrayList<>();
    inbox.drainTo(out);
    return out;
  }

  /** While held, frames are received but their writes never complete, as with a client that reads nothing. */
  public void holdCompletions(boolean holdThem) {
    hold.set(holdThem);
    if (!holdThem) {
      for (SendCompletion c; (c = held.poll()) != null; ) {
        c.completed(null);
      }
    }
  }

  /** Whether the connection ended (closed by the client or the server). */
  public boolean isClosed() {
    return closed.get();
  }

  /** Why the server closed the connection, or null. */
  public String closeReason() {
    return closeReason;
  }

  /** Ends the connection as a transport does when the link drops; idempotent. */
  public void disconnect() {
    if (closed.compareAndSet(false, true)) {
      gateway.disconnected(connection);
      for (SendCompletion c; (c = held.poll()) != null; ) {
        c.completed(new IllegalStateException("connection closed"));
      }
    }
  }

  @Override
  public void close() {
    disconnect();
  }
}
