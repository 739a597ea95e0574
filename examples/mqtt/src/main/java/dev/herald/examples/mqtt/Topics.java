package dev.herald.examples.mqtt;

/** The topic names of both conventions, and what each kind of topic is. */
final class Topics {
  /** Requests of the seed's convention (Kuzzle before 1.0); answered on {@code mqtt.<clientId>}. */
  static final String SEED_REQUEST = "kuzzle";
  static final String SEED_RESPONSE_PREFIX = "mqtt.";
  /** Requests of Kuzzle 1.x and 2.x. */
  static final String KUZZLE_REQUEST = "Kuzzle/request";
  /** Kuzzle 2's response topic: shared by every listener, so served in open mode only. */
  static final String KUZZLE_RESPONSE = "Kuzzle/response";

  private Topics() {}

  static boolean isRequest(String topic) {
    return SEED_REQUEST.equals(topic) || KUZZLE_REQUEST.equals(topic);
  }

  /** A client's own response topic. */
  static String responseTopic(String clientId) {
    return SEED_RESPONSE_PREFIX + clientId;
  }

  /** True for a subscription filter that could match more than one topic. */
  static boolean hasWildcard(String topic) {
    return topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0;
  }
}
