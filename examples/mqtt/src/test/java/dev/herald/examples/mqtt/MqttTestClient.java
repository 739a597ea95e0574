package dev.herald.examples.mqtt;

import dev.herald.filter.Document;
import dev.herald.tck.TransportTestKit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * An MQTT 3.1.1 client (Paho) speaking Herald's protocol: it publishes requests on a request topic
 * and reads everything it subscribed to. As a test-kit session, a message on its response topic is
 * routed by its {@code requestId} (how MQTT clients pick their responses) and any other by its
 * topic. Like a well-behaved Kuzzle MQTT client, it subscribes to the channel of each subscribe
 * response before handing it over, and unsubscribes from a room's channels before sending
 * {@code realtime:unsubscribe} (Paho drops messages read just before the broker closes a link, so a
 * client still listening could miss its response).
 */
final class MqttTestClient implements TransportTestKit.Session {
  /** SUBACK's code for a refused subscription. */
  static final int REFUSED = 0x80;

  record Message(String topic, Map<String, Object> json) {}

  final String clientId;
  private final MqttClient client;
  private final String requestTopic;
  private final String responseTopic;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private final CountDownLatch lost = new CountDownLatch(1);
  /** Room id to channels, from the subscribe responses handed over. */
  private final Map<String, Set<String>> channels = new ConcurrentHashMap<>();
  private boolean listenToChannels = true;

  private MqttTestClient(MqttClient client, String requestTopic, String responseTopic) {
    this.client = client;
    this.clientId = client.getClientId();
    this.requestTopic = requestTopic;
    this.responseTopic = responseTopic;
  }

  static Builder to(MqttTransport transport, String clientId) {
    return new Builder(transport, clientId);
  }

  static final class Builder {
    private final MqttTransport transport;
    private final String clientId;
    private String username;
    private String password;
    private String requestTopic = Topics.SEED_REQUEST;
    private String responseTopic;
    private boolean cleanSession = true;

    private Builder(MqttTransport transport, String clientId) {
      this.transport = transport;
      this.clientId = clientId;
      this.responseTopic = Topics.responseTopic(clientId);
    }

    Builder login(String username, String password) {
      this.username = username;
      this.password = password;
      return this;
    }

    /** Kuzzle 2's topics, answered on {@code answeredOn}. */
    Builder kuzzle2(String answeredOn) {
      this.requestTopic = Topics.KUZZLE_REQUEST;
      this.responseTopic = answeredOn;
      return this;
    }

    Builder persistentSession() {
      this.cleanSession = false;
      return this;
    }

    /** Connects without subscribing to anything. */
    MqttTestClient connect() throws MqttException {
      MqttClient c = new MqttClient("tcp://" + transport.host() + ":" + transport.port(), clientId,
          new MemoryPersistence());
      MqttTestClient session = new MqttTestClient(c, requestTopic, responseTopic);
      c.setCallback(session.callback());
      c.setTimeToWait(10_000); // fail, never hang, when the broker does not answer
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
      options.setCleanSession(cleanSession);
      options.setAutomaticReconnect(false);
      options.setConnectionTimeout(10);
      // Paho counts a QoS 1 publish in flight a little after reporting it done: with the default of
      // 10, a loop of requests can hit "Too many publishes in progress".
      options.setMaxInflight(1000);
      if (username != null) {
        options.setUserName(username);
        options.setPassword(password.toCharArray());
      }
      c.connect(options);
      settle();
      return session;
    }

    /** Connects and subscribes to the response topic. */
    MqttTestClient connectAndListen() throws MqttException {
      MqttTestClient session = connect();
      int granted = session.listen(session.responseTopic);
      if (granted == REFUSED) {
        throw new IllegalStateException(clientId + " may not listen to " + session.responseTopic);
      }
      return session;
    }
  }

  /**
   * Waits a moment after CONNACK. Moquette 0.17 marks a link connected in a listener of its CONNACK
   * write, which may run after a SUBSCRIBE sent at once has been read: the broker then drops the
   * link ("SUBSCRIBE received on already closed connection").
   */
  static void settle() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private MqttCallback callback() {
    return new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {
        lost.countDown();
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        messages.add(new Message(topic, Document.parse(message.getPayload()).content()));
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    };
  }

  /** Subscribes (QoS 1); the granted QoS, or {@link #REFUSED}. */
  int listen(String topic) throws MqttException {
    try {
      return client.subscribeWithResponse(topic, 1).getGrantedQos()[0];
    } catch (MqttException e) {
      if (e.getReasonCode() == REFUSED) {
        return REFUSED;
      }
      throw e;
    }
  }

  void stopListening(String topic) throws MqttException {
    client.unsubscribe(topic);
  }

  /** Publishes raw text on any topic, QoS 0. */
  void publish(String topic, String text) throws MqttException {
    client.publish(topic, text.getBytes(StandardCharsets.UTF_8), 0, false);
  }

  /** As a test-kit session: subscribe responses make it listen to their channel (on by default). */
  MqttTestClient listenToChannels(boolean listen) {
    this.listenToChannels = listen;
    return this;
  }

  @Override
  public void send(String requestJson) throws MqttException {
    if (listenToChannels) {
      stopListeningToUnsubscribedRoom(requestJson);
    }
    client.publish(requestTopic, requestJson.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  private void stopListeningToUnsubscribedRoom(String requestJson) throws MqttException {
    Map<String, Object> request;
    try {
      request = Document.parse(requestJson).content();
    } catch (RuntimeException e) {
      return; // not JSON: Herald answers it
    }
    if ("realtime".equals(request.get("controller")) && "unsubscribe".equals(request.get("action"))
        && request.get("body") instanceof Map<?, ?> body && body.get("roomId") instanceof String roomId) {
      Set<String> topics = channels.remove(roomId);
      if (topics != null) {
        client.unsubscribe(topics.toArray(new String[0]));
      }
    }
  }

  /** The next message of any topic, or null. */
  Message next(Duration timeout) throws InterruptedException {
    return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits for the message on the response topic answering {@code requestId}; skips others. */
  Message response(String requestId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (long left; (left = deadline - System.nanoTime()) > 0; ) {
      Message m = messages.poll(left, TimeUnit.NANOSECONDS);
      if (m != null && m.topic().equals(responseTopic) && requestId.equals(m.json().get("requestId"))
          && m.json().containsKey("status") && !m.json().containsKey("type")) {
        return m;
      }
    }
    return null;
  }

  /** Sends a request and waits for its response. */
  Message request(String requestId, String json, Duration timeout) throws Exception {
    send(json);
    Message m = response(requestId, timeout);
    if (m == null) {
      throw new AssertionError(clientId + ": no response to " + requestId + " within " + timeout);
    }
    return m;
  }

  @Override
  public TransportTestKit.Received receive(Duration timeout) throws Exception {
    Message m = next(timeout);
    if (m == null) {
      return null;
    }
    if (!m.topic().equals(responseTopic)) {
      return new TransportTestKit.Received(m.topic(), m.json());
    }
    if (listenToChannels && m.json().get("result") instanceof Map<?, ?> result
        && result.get("channel") instanceof String channel && result.get("roomId") instanceof String roomId
        && !m.json().containsKey("type")) {
      listen(channel);
      channels.computeIfAbsent(roomId, k -> ConcurrentHashMap.newKeySet()).add(channel);
    }
    return new TransportTestKit.Received((String) m.json().get("requestId"), m.json());
  }

  boolean isConnected() {
    return client.isConnected();
  }

  /** True once the broker closed the link (or it was lost). */
  boolean awaitLost(Duration timeout) throws InterruptedException {
    return lost.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnect(2000);
      }
    } finally {
      client.close(true);
    }
  }
}
