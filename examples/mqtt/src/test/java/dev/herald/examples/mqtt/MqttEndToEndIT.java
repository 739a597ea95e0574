package dev.herald.examples.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MQTT transport driven by clients nobody here wrote: the {@code mqtt} command-line client
 * replaying the seed's three-shell flow, and the mqtt.js library with both topic conventions in
 * open and strict mode. Herald and both brokers listen on 127.0.0.1, on free ports.
 */
class MqttEndToEndIT {
  private static MqttE2eServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = new MqttE2eServer(0, 0);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static String host() {
    return server.open.host();
  }

  @Test
  void theCommandLineClientReplaysTheSeedsThreeShellFlow() throws Exception {
    assertThat(NodeScripts.run("mqtt-cli.js", 90, host(), Integer.toString(server.open.port()),
        Integer.toString(server.strict.port()), server.token("bob", Duration.ofMinutes(5))))
        .contains("mqtt cli: ok (open and strict)");
  }

  @Test
  void mqttJsServesBothConventionsInOpenMode() throws Exception {
    assertThat(NodeScripts.run("mqtt-client.js", 60, "open", host(), Integer.toString(server.open.port())))
        .contains("mqtt open: ok");
  }

  @Test
  void mqttJsInStrictModeRefusesForeignClients() throws Exception {
    assertThat(NodeScripts.run("mqtt-client.js", 60, "strict", host(), Integer.toString(server.strict.port()),
        server.token("alice", Duration.ofMinutes(5)), server.token("bob", Duration.ofMinutes(5))))
        .contains("mqtt strict: ok");
  }

  @Test
  void anExpiredTokenIsToldOnTheClientsOwnTopic() throws Exception {
    // Signed just before the script starts; it expires while the script waits.
    String carol = server.token("carol", Duration.ofSeconds(4));
    assertThat(NodeScripts.run("mqtt-client.js", 60, "expiry", host(), Integer.toString(server.strict.port()), carol))
        .contains("mqtt expiry: ok");
  }
}
