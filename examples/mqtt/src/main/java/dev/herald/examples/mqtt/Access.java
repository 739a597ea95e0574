package dev.herald.examples.mqtt;

/**
 * Which topics MQTT clients may listen to. In both modes a client publishes on the request topics
 * only ({@code kuzzle}, {@code Kuzzle/request}), never subscribes to them, and never uses wildcards.
 */
public enum Access {
  /**
   * A client listens to its own response topic, {@code mqtt.<clientId>}, and to the channels that a
   * connection of the same user subscribed to through Herald (see {@link MqttTransport} for what
   * "the same user" means). Every response, whatever the request topic, goes to
   * {@code mqtt.<clientId>}. The default when the broker authenticates its clients.
   */
  STRICT,

  /**
   * Any client listens to any response or channel topic, as in Kuzzle: the set-up for anonymous
   * clients and command-line tools, where one client sends requests and others read the answers and
   * the notifications. Requests on {@code Kuzzle/request} are answered on the shared topic
   * {@code Kuzzle/response}. The default when the broker does not authenticate its clients.
   */
  OPEN
}
