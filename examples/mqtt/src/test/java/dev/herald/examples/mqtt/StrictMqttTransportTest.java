package dev.herald.examples.mqtt;

/**
 * The transport test kit again, in strict mode with Kuzzle 2's request topic: requests on
 * {@code Kuzzle/request} are answered on the client's own {@code mqtt.<clientId>}, and each client
 * may listen only to the channels it subscribed to.
 */
class StrictMqttTransportTest extends MqttTransportTest {
  @Override
  Access access() {
    return Access.STRICT;
  }

  @Override
  MqttTestClient.Builder client(MqttTransport transport, String clientId) {
    return MqttTestClient.to(transport, clientId).kuzzle2(Topics.responseTopic(clientId));
  }
}
