package dev.herald.examples.tcp;

import dev.herald.transport.Connection;
import dev.herald.transport.Gateway;
import dev.herald.transport.OutboundFrame;
import dev.herald.transport.SendCompletion;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One TCP client: a reader thread feeding the gateway, a writer thread draining the send queue. */
final class NdjsonConnection implements Connection {
  private static final Logger LOG = LoggerFactory.getLogger(NdjsonConnection.class);

  private record Outgoing(OutboundFrame frame, SendCompletion completion) {}

  private static final Outgoing STOP = new Outgoing(null, null);

  private final Socket socket;
  private final Gateway gateway;
  private final Consumer<NdjsonConnection> onClosed;
  private final String id = UUID.randomUUID().toString();
  // Herald keeps at most a bounded number of frames in flight per connection, so this stays small.
  private final BlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  NdjsonConnection(Socket socket, Gateway gateway, Consumer<NdjsonConnection> onClosed) {
    this.socket = socket;
    this.gateway = gateway;
    this.onClosed = onClosed;
  }

  void start() {
    gateway.connected(this);
    daemon(this::readLoop, "ndjson-read-" + id);
    daemon(this::writeLoop, "ndjson-write-" + id);
  }

  private static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private void readLoop() {
    try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b; (b = in.read()) >= 0; ) {
        if (b != '\n') {
          if (line.size() >= NdjsonTransport.MAX_LINE_BYTES) {
            LOG.debug("connection {} sent a line over {} bytes", id, NdjsonTransport.MAX_LINE_BYTES);
            break;
          }
          line.write(b);
          continue;
        }
        byte[] request = line.toByteArray();
        line.reset();
        if (request.length > 0 && !(request.length == 1 && request[0] == '\r')) {
          gateway.received(this, request);
        }
      }
    } catch (IOException e) {
      LOG.debug("connection {} read failed", id, e);
    } finally {
      close("end of stream");
    }
  }

  private void writeLoop() {
    try (OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
      while (true) {
        Outgoing o = queue.take();
        if (o == STOP) {
          return;
        }
        try {
          out.write(o.frame().jsonWithRoom());
          out.write('\n');
          if (queue.isEmpty()) {
            out.flush();
          }
          o.completion().completed(null);
        } catch (IOException e) {
          o.completion().completed(e);
          close("write failed");
        }
      }
    } catch (IOException | InterruptedException e) {
      LOG.debug("connection {} writer stopped", id, e);
    } finally {
      for (Outgoing o; (o = queue.poll()) != null; ) {
        if (o != STOP) {
          o.completion().completed(new IOException("connection closed"));
        }
      }
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String protocol() {
    return "ndjson";
  }

  @Override
  public void send(OutboundFrame frame, SendCompletion completion) {
    if (closed.get()) {
      completion.completed(new IOException("connection closed"));
      return;
    }
    queue.add(new Outgoing(frame, completion));
  }

  @Override
  public void close(String reason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    queue.add(STOP);
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing {} failed", id, e);
    }
    gateway.disconnected(this);
    onClosed.accept(this);
  }
}
