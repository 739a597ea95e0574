package dev.herald.examples.tcp;

import dev.herald.transport.Gateway;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport in under 200 lines, JDK only: newline-delimited JSON over TCP. Each line a client
 * sends is one request; each line Herald sends is one response or notification, routed like
 * Kuzzle's WebSocket frames by its {@code "room"} member (the request id, or the channel).
 *
 * <p>Threads: one accepting connections, then two per connection (a reader, and a writer so
 * {@link dev.herald.transport.Connection#send} never blocks). Plain and easy to follow; a
 * transport for thousands of connections would use NIO or a server library instead.
 *
 * <pre>{@code
 * NdjsonTransport tcp = NdjsonTransport.start(new InetSocketAddress("127.0.0.1", 7513), herald.gateway());
 * // ... echo '{"controller":"server","action":"now"}' | nc 127.0.0.1 7513
 * tcp.close();
 * }</pre>
 */
public final class NdjsonTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NdjsonTransport.class);
  /** Longest request line accepted; longer ones close the connection (Herald's own limit answers below it). */
  static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

  private final ServerSocket server;
  private final Gateway gateway;
  private final Set<NdjsonConnection> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private NdjsonTransport(ServerSocket server, Gateway gateway) {
    this.server = server;
    this.gateway = gateway;
    this.acceptor = new Thread(this::acceptLoop, "ndjson-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Listens on {@code address} (port 0: any free port) and serves Herald through {@code gateway}. */
  public static NdjsonTransport start(InetSocketAddress address, Gateway gateway) throws IOException {
    ServerSocket server = new ServerSocket();
    server.bind(address);
    return new NdjsonTransport(server, gateway);
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        NdjsonConnection c = new NdjsonConnection(socket, gateway, open::remove);
        open.add(c);
        c.start();
      } catch (SocketException e) {
        return; // closed
      } catch (IOException e) {
        LOG.warn("accepting a connection failed", e);
      }
    }
  }

  /** Stops listening and closes every connection (each is reported disconnected). */
  @Override
  public void close() throws IOException {
    server.close();
    for (NdjsonConnection c : open) {
      c.close("server stopping");
    }
  }
}
