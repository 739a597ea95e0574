package dev.herald.tck;

import dev.herald.Herald;
import dev.herald.transport.OutboundFrame;
import java.time.Duration;

/** The in-memory transport passes the transport test kit. */
class InMemoryTransportTest extends TransportTestKit {
  @Override
  protected Fixture start(Herald herald) {
    InMemoryTransport transport = new InMemoryTransport(herald.gateway());
    return new Fixture() {
      @Override
      public Session connect() {
        InMemoryClient client = transport.connect();
        return new Session() {
          @Override
          public void send(String requestJson) {
            client.send(requestJson);
          }

          @Override
          public Received receive(Duration timeout) {
            OutboundFrame f = client.poll(timeout);
            return f == null ? null : Received.of(f.room(), f.json());
          }

          @Override
          public void close() {
            client.close();
          }
        };
      }

      @Override
      public void close() {}
    };
  }
}
