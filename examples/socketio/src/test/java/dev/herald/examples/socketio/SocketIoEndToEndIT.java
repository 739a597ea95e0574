package dev.herald.examples.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.herald.Herald;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Herald behind the Socket.IO transport, on 127.0.0.1 and a free port, driven by the npm clients
 * nobody here wrote: socket.io-client 4.x and 2.x, each over WebSocket, polling, and polling
 * upgraded to WebSocket, and requests sent while clients upgrade ({@code e2e/socketio.js}).
 */
class SocketIoEndToEndIT {
  private static Herald herald;
  private static SocketIoTransport transport;

  @BeforeAll
  static void start() throws Exception {
    herald = Herald.builder().build();
    transport = SocketIoTransport.start(new InetSocketAddress("127.0.0.1", 0), herald.gateway());
  }

  @AfterAll
  static void stop() {
    try {
      if (transport != null) {
        transport.close();
      }
    } finally {
      if (herald != null) {
        herald.close();
      }
    }
  }

  @Test
  void socketIoClients4And2ReplayKuzzlesFlowOverEveryTransport() throws Exception {
    for (String module : new String[] {"socket.io-client", "socket.io-client-v2"}) {
      if (!Files.isDirectory(NodeScripts.dir().resolve("node_modules").resolve(module))) {
        fail("The Socket.IO end-to-end test needs the npm package " + module + ": run `npm ci --prefix e2e`.");
      }
    }
    String out = NodeScripts.run("socketio.js", 120, "http://127.0.0.1:" + transport.port());
    for (String client : new String[] {"4.x", "2.x"}) {
      for (String transports : new String[] {"websocket", "polling", "polling+websocket"}) {
        assertThat(out).contains("socketio " + client + " over " + transports + ": ok");
      }
      assertThat(out).contains("socketio " + client + " requests while upgrading: ok");
    }
    assertThat(out).contains("socketio: ok");
  }
}
