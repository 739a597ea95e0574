package dev.herald.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {
  @Test
  void defaultsServeAllThreeTransportsOnTheDocumentedPorts() {
    DemoServer.Options o = DemoServer.Options.parse(new String[0]);
    assertThat(o).isEqualTo(DemoServer.Options.DEFAULTS);
    assertThat(o.host()).isEqualTo("localhost");
    assertThat(o.port()).isEqualTo(7512);
    assertThat(o.socketIoPort()).isEqualTo(7513);
    assertThat(o.mqttPort()).isEqualTo(1883);
  }

  @Test
  void eachListenerCanBeMovedOrLeftOut() {
    DemoServer.Options o = DemoServer.Options.parse(new String[] {
        "--host=127.0.0.1", "--port=0", "--socketio-port=off", "--mqtt-port=18830", "--token-ttl=30s", ""});
    assertThat(o).isEqualTo(new DemoServer.Options("127.0.0.1", 0, DemoServer.OFF, 18830, Duration.ofSeconds(30)));
  }

  @Test
  void badOptionsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> DemoServer.Options.parse(new String[] {"--mqtt-port=many"}))
        .hasMessageContaining("--mqtt-port takes a port number or off");
    assertThatThrownBy(() -> DemoServer.Options.parse(new String[] {"--port=off"}))
        .hasMessageContaining("port must be 0 to 65535");
    assertThatThrownBy(() -> DemoServer.Options.parse(new String[] {"--socketio-port=70000"}))
        .hasMessageContaining("socketIoPort must be 0 to 65535 or off");
    assertThatThrownBy(() -> DemoServer.Options.parse(new String[] {"--colour=blue"}))
        .hasMessageContaining("unknown option --colour");
    assertThatThrownBy(() -> DemoServer.Options.parse(new String[] {"verbose"}))
        .hasMessageContaining("expected --name=value");
  }

  @Test
  void aListenerLeftOutIsNotStarted() throws Exception {
    try (DemoServer demo = DemoServer.start(new DemoServer.Options("127.0.0.1", 0, DemoServer.OFF, DemoServer.OFF,
        Duration.ofMinutes(1)))) {
      assertThat(demo.socketIoUri()).isEmpty();
      assertThat(demo.mqttUri()).isEmpty();
      try (Socket s = new Socket(demo.webSocketUri().getHost(), demo.webSocketUri().getPort())) {
        assertThat(s.isConnected()).isTrue();
      }
    }
  }

  @Test
  void aTakenPortFailsTheStartNamingThePort() throws Exception {
    try (DemoServer first = DemoServer.start(DemoServer.Options.loopbackAnyPorts())) {
      int taken = first.mqttUri().orElseThrow().getPort();
      DemoServer.Options clash = new DemoServer.Options("127.0.0.1", 0, 0, taken, Duration.ofMinutes(1));
      assertThatThrownBy(() -> DemoServer.start(clash)).hasMessageContaining(Integer.toString(taken));
      // The first demo still serves.
      try (Socket s = new Socket("127.0.0.1", taken)) {
        assertThat(s.isConnected()).isTrue();
      }
    }
  }
}
