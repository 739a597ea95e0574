package dev.herald.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo server driven by clients nobody here wrote: the raw {@code ws} client, kuzzle-sdk 7, the
 * demo page in headless Chromium, socket.io-client and mqtt.js together, and the {@code mqtt}
 * command line. The server listens on 127.0.0.1, every transport on a free port.
 */
class EndToEndIT {
  private static DemoServer demo;

  @BeforeAll
  static void startDemo() throws Exception {
    demo = DemoServer.start(DemoServer.Options.loopbackAnyPorts());
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void rawWebSocketClientReplaysKuzzlesFlow() throws Exception {
    assertThat(NodeScripts.run("ws-flow.js", 60, demo.webSocketUri().toString())).contains("ws flow: ok");
  }

  @Test
  void kuzzleSdk7WorksUnchanged() throws Exception {
    assertThat(NodeScripts.run("sdk.js", 90, demo.webSocketUri().toString())).contains("kuzzle-sdk: ok");
  }

  @Test
  void thePageShowsNotificationsInHeadlessChromium() throws Exception {
    NodeScripts.chromium();
    assertThat(NodeScripts.run("page.js", 120, demo.pageUri().toString())).containsIgnoringCase("ok");
  }

  @Test
  void aChangeOverAnyTransportNotifiesSubscribersOfAllThree() throws Exception {
    assertThat(NodeScripts.run("cross-transport.js", 90, demo.webSocketUri().toString(),
        demo.socketIoUri().orElseThrow().toString(), demo.mqttUri().orElseThrow().toString()))
        .contains("cross-transport: ok");
  }

  @Test
  void theSeedsThreeShellMqttFlowWorksAgainstTheDemo() throws Exception {
    URI mqtt = demo.mqttUri().orElseThrow();
    assertThat(NodeScripts.run("mqtt-cli.js", 90, mqtt.getHost(), Integer.toString(mqtt.getPort())))
        .contains("mqtt cli: ok (open)");
  }
}
