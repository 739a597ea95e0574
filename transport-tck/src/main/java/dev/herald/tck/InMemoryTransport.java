package dev.herald.tck;

import dev.herald.transport.Gateway;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A transport whose clients live in the same JVM: for tests, and as the simplest example of the
 * transport SPI. Each {@link #connect()} opens a connection to the gateway and returns the client
 * side of it. Thread-safe.
 */
public final class InMemoryTransport {
  private final Gateway gateway;
  private final String protocol;
  private final AtomicLong ids = new AtomicLong();

  public InMemoryTransport(Gateway gateway) {
    this(gateway, "inmemory");
  }

  /** @param protocol the protocol name the connections report (echoed in notifications) */
  public InMemoryTransport(Gateway gateway, String protocol) {
    this.gateway = gateway;
    this.protocol = protocol;
  }

  /** Opens a connection and reports it to the gateway. */
  public InMemoryClient connect() {
    InMemoryClient client = new InMemoryClient(gateway, protocol + "-" + ids.incrementAndGet(), protocol);
    gateway.connected(client.connection());
    return client;
  }
}
