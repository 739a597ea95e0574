package dev.herald.examples.mqtt;

import dev.herald.transport.ChannelFanout;
import dev.herald.transport.Connection;
import dev.herald.transport.OutboundFrame;
import dev.herald.transport.SendCompletion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One MQTT client link, from its CONNECT to its end. Responses and private frames (TokenExpired) are
 * published on the client's response topic; channel notifications go through the transport's
 * {@link ChannelFanout} instead.
 *
 * <p>While Herald handles one of the client's requests on the interceptor thread, what it sends the
 * client is held back until it returns. A subscribe answer is thereby published after the user
 * notifications of that subscription: the client, which listens to the channel once it has read the
 * answer, cannot receive the notification of its own entering.
 *
 * <p>Thread-safety: requests are recorded on the broker's interceptor thread; {@link #send} and
 * {@link #close} may come from any thread. Publishing happens under a lock, in Herald's order.
 */
final class MqttConnection implements Connection {
  /** Marks a close awaited after the next response, when the request had no id of its own. */
  private static final String NEXT_RESPONSE = "";

  private final MqttTransport transport;
  private final String id = UUID.randomUUID().toString();
  private final String clientId;
  private final String user;
  private final String ownTopic;
  private final boolean sharedResponses;
  /** Open mode: the topic each request in progress came on, by request id. */
  private final Map<String, String> requestTopics = new ConcurrentHashMap<>();
  private volatile String lastRequestTopic = Topics.SEED_REQUEST;
  private volatile String requestInProgress;
  private volatile String closeAfterResponseTo;
  private volatile CompletableFuture<Void> lastPublish = CompletableFuture.completedFuture(null);
  private final Object publishing = new Object();
  /** Frames held back while a request is in Herald's hands; null otherwise. Guarded by publishing. */
  private List<Held> held;
  /** What waits for the held frames to be published. Guarded by publishing. */
  private final List<Runnable> afterHeld = new ArrayList<>();
  private final AtomicBoolean open = new AtomicBoolean(true);
  private volatile boolean connectSeen;

  private record Held(OutboundFrame frame, SendCompletion completion) {}

  MqttConnection(MqttTransport transport, String clientId, String user, boolean sharedResponses) {
    this.transport = transport;
    this.clientId = clientId;
    this.user = user;
    this.ownTopic = Topics.responseTopic(clientId);
    this.sharedResponses = sharedResponses;
  }

  String clientId() {
    return clientId;
  }

  String user() {
    return user;
  }

  boolean isOpen() {
    return open.get();
  }

  /** Marks the link ended; true the first time only. */
  boolean markClosed() {
    return open.compareAndSet(true, false);
  }

  /** True when the broker reported this client's CONNECT (a client may publish before we hear of it). */
  boolean connectSeen() {
    return connectSeen;
  }

  void connectSeen(boolean seen) {
    connectSeen = seen;
  }

  // ---- requests, on the interceptor thread ---------------------------------------------------

  /** A request is about to be handed to Herald. */
  void requestStarted(String topic, String requestId) {
    synchronized (publishing) {
      held = new ArrayList<>(1);
    }
    requestInProgress = requestId;
    if (sharedResponses) {
      lastRequestTopic = topic;
      if (requestId != null) {
        requestTopics.put(requestId, topic);
      }
    }
  }

  /** Herald returned: what it sent meanwhile is published. */
  void requestDone() {
    requestInProgress = null;
    synchronized (publishing) {
      // A completion may make Herald send more on this thread: it joins the list, in order.
      for (int i = 0; i < held.size(); i++) {
        publish(held.get(i).frame(), held.get(i).completion());
      }
      held = null;
      for (Runnable action : afterHeld) {
        whenPublished(action);
      }
      afterHeld.clear();
    }
  }

  /**
   * Herald took away a channel this client listens to while handling its request (an
   * unsubscribe): the link ends once the response to that request is published.
   */
  void closeAfterResponse() {
    String requestId = requestInProgress;
    closeAfterResponseTo = requestId == null ? NEXT_RESPONSE : requestId;
  }

  // ---- Herald's side -------------------------------------------------------------------------

  @Override
  public String id() {
    return id;
  }

  @Override
  public String protocol() {
    return "mqtt";
  }

  @Override
  public ChannelFanout fanout() {
    return transport.fanout();
  }

  @Override
  public void send(OutboundFrame frame, SendCompletion completion) {
    if (!open.get()) {
      completion.completed(new IOException("MQTT client " + clientId + " is disconnected"));
      return;
    }
    synchronized (publishing) {
      if (held != null) {
        held.add(new Held(frame, completion));
      } else {
        publish(frame, completion);
      }
    }
  }

  private void publish(OutboundFrame frame, SendCompletion completion) {
    boolean response = frame.kind() == OutboundFrame.Kind.RESPONSE;
    CompletableFuture<Void> published = transport.publish(response ? responseTopic(frame.requestId()) : ownTopic,
        frame.json());
    lastPublish = published;
    published.whenComplete((v, failure) -> completion.completed(failure));
    String awaited = closeAfterResponseTo;
    if (response && awaited != null && (awaited.equals(NEXT_RESPONSE) || awaited.equals(frame.requestId()))) {
      transport.closeAfterPublished(this, "stopped receiving a channel it still listened to");
    }
  }

  private String responseTopic(String requestId) {
    if (!sharedResponses) {
      return ownTopic;
    }
    String requestTopic = requestId == null ? null : requestTopics.remove(requestId);
    if (requestTopic == null) {
      requestTopic = lastRequestTopic; // no id to go by (Herald made one up): the latest convention used
    }
    return Topics.KUZZLE_REQUEST.equals(requestTopic) ? Topics.KUZZLE_RESPONSE : ownTopic;
  }

  /** Runs {@code action} once everything sent to this client so far is in its broker session. */
  void whenPublished(Runnable action) {
    synchronized (publishing) {
      if (held != null) {
        afterHeld.add(action);
        return;
      }
    }
    // The broker handles a client's publications in order: the last one done, all are.
    lastPublish.whenComplete((v, failure) -> action.run());
  }

  @Override
  public void close(String reason) {
    transport.closeLink(this, reason);
  }

  @Override
  public String toString() {
    return "MQTT[" + clientId + "]";
  }
}
