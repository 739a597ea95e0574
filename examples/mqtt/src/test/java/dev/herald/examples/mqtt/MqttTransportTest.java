package dev.herald.examples.mqtt;

import dev.herald.Herald;
import dev.herald.tck.TransportTestKit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MQTT transport passes the transport test kit with Paho clients in open mode, on the seed's
 * topics: requests on {@code kuzzle}, responses on {@code mqtt.<clientId>}.
 */
class MqttTransportTest extends TransportTestKit {
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  Access access() {
    return Access.OPEN;
  }

  MqttTestClient.Builder client(MqttTransport transport, String clientId) {
    return MqttTestClient.to(transport, clientId);
  }

  @Override
  protected Fixture start(Herald herald) throws Exception {
    MqttTransport transport = MqttTransport.builder(herald.gateway()).port(0).access(access()).start();
    return new Fixture() {
      @Override
      public Session connect() throws Exception {
        return client(transport, "tck-" + CLIENTS.incrementAndGet()).connectAndListen();
      }

      @Override
      public void close() {
        transport.close();
      }
    };
  }
}
