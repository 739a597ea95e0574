package dev.herald.examples.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.transport.Connection;
import dev.herald.transport.Gateway;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The broker's events reach the gateway, and every payload the broker lends is released. */
class BrokerEventsTest {
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile boolean failing;
  private MqttTransport transport;
  private BrokerEvents events;

  @BeforeEach
  void start() throws Exception {
    Gateway gateway = new Gateway() {
      @Override
      public void connected(Connection connection) {}

      @Override
      public void received(Connection connection, byte[] frame) {
        if (failing) {
          throw new IllegalStateException("gateway failure");
        }
        requests.add(connection.protocol() + " " + new String(frame, StandardCharsets.UTF_8));
      }

      @Override
      public void received(Connection connection, String frame) {
        received(connection, frame.getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public void disconnected(Connection connection) {}
    };
    transport = MqttTransport.builder(gateway).port(0).start();
    events = new BrokerEvents(transport);
    events.onConnect(new InterceptConnectMessage(MqttMessageBuilders.connect().clientId("c1").build()));
  }

  @AfterEach
  void stop() {
    transport.close();
  }

  /**
   * Hands the handler a publication as the broker does, a retained duplicate of the broker's own
   * pooled buffer; returns that buffer, which the broker releases once.
   */
  private ByteBuf publish(String topic, String payload) {
    ByteBuf owned = PooledByteBufAllocator.DEFAULT.buffer();
    owned.writeCharSequence(payload, StandardCharsets.UTF_8);
    MqttPublishMessage message = new MqttPublishMessage(
        new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_MOST_ONCE, false, 0),
        new MqttPublishVariableHeader(topic, 0), owned);
    events.onPublish(new InterceptPublishMessage(message.retainedDuplicate(), "c1", null));
    return owned;
  }

  private static void assertReleasedByTheHandler(ByteBuf owned) {
    assertThat(owned.refCnt()).as("only the broker's reference is left").isEqualTo(1);
    assertThat(owned.release()).isTrue();
  }

  @Test
  void requestsReachTheGatewayAndTheirPayloadIsReleased() {
    assertReleasedByTheHandler(publish("kuzzle", "{\"controller\":\"server\",\"action\":\"now\"}"));
    assertThat(requests).containsExactly("mqtt {\"controller\":\"server\",\"action\":\"now\"}");
    assertReleasedByTheHandler(publish("Kuzzle/request", "{}"));
    assertThat(requests).hasSize(2);
  }

  @Test
  void otherTopicsAreIgnoredAndReleased() {
    assertReleasedByTheHandler(publish("somewhere/else", "{}"));
    assertThat(requests).isEmpty();
  }

  @Test
  void aFailingGatewayStillReleasesThePayload() {
    failing = true;
    assertReleasedByTheHandler(publish("kuzzle", "{}"));
  }
}
