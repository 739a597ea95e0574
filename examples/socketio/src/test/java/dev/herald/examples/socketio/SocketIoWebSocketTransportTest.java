package dev.herald.examples.socketio;

import dev.herald.Herald;
import dev.herald.tck.TransportTestKit;

/** The transport test kit with Socket.IO clients on WebSocket alone (no polling first). */
class SocketIoWebSocketTransportTest extends TransportTestKit {
  @Override
  protected Fixture start(Herald herald) throws Exception {
    return new SioFixture(herald.gateway(), "websocket");
  }
}
