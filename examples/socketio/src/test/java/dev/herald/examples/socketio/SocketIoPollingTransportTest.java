package dev.herald.examples.socketio;

import dev.herald.Herald;
import dev.herald.tck.TransportTestKit;

/** The transport test kit with Socket.IO clients on HTTP long-polling alone (never upgraded). */
class SocketIoPollingTransportTest extends TransportTestKit {
  @Override
  protected Fixture start(Herald herald) throws Exception {
    return new SioFixture(herald.gateway(), "polling");
  }
}
