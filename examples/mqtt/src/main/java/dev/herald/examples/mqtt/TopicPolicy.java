package dev.herald.examples.mqtt;

import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's access rules (see {@link Access}), and what they are decided on: which user has
 * which channel through Herald, and which topics each client may hold a broker subscription to.
 *
 * <p>Moquette asks {@link #canRead} once per topic of a SUBSCRIBE, before adding the subscription,
 * and {@link #canWrite} for every PUBLISH. A granted read is remembered until the client
 * unsubscribes or goes away: it tells the transport whom it must disconnect when a channel is taken
 * away (Moquette cannot drop one subscription of a client). This errs on the safe side: a client
 * whose SUBSCRIBE then failed is still counted as listening.
 *
 * <p>Thread-safety: called from the broker's session loops and from Herald's threads concurrently;
 * the channel counts are a concurrent map, the listeners are guarded by this.
 */
final class TopicPolicy implements IAuthorizatorPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(TopicPolicy.class);

  private record UserChannel(String user, String channel) {}

  private final Access access;
  private final boolean usernameIsIdentity;
  private final Consumer<String> forbiddenPublisher;
  /** How many connections of each user are on each channel. */
  private final ConcurrentHashMap<UserChannel, Integer> joins = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> topicsByClient = new HashMap<>();
  private final Map<String, Set<String>> clientsByTopic = new HashMap<>();

  /**
   * @param usernameIsIdentity true when the broker authenticates usernames: they identify users;
   *     otherwise each client id is a user of its own
   * @param forbiddenPublisher told the client id of a client that published where it may not
   */
  TopicPolicy(Access access, boolean usernameIsIdentity, Consumer<String> forbiddenPublisher) {
    this.access = access;
    this.usernameIsIdentity = usernameIsIdentity;
    this.forbiddenPublisher = forbiddenPublisher;
  }

  Access access() {
    return access;
  }

  /** The user a client acts for. */
  String userOf(String username, String clientId) {
    return usernameIsIdentity ? username : clientId;
  }

  // ---- Moquette's questions ------------------------------------------------------------------

  @Override
  public boolean canRead(Topic topic, String username, String clientId) {
    String t = topic.toString();
    boolean allowed = readable(t, userOf(username, clientId), clientId);
    if (allowed) {
      listening(clientId, t);
    } else {
      LOG.debug("client {} (user {}) may not subscribe to {}", clientId, userOf(username, clientId), t);
    }
    return allowed;
  }

  private boolean readable(String topic, String user, String clientId) {
    if (Topics.hasWildcard(topic) || Topics.isRequest(topic)) {
      return false;
    }
    if (topic.equals(Topics.responseTopic(clientId))) {
      return true;
    }
    if (access == Access.OPEN) {
      return true;
    }
    return user != null && joins.containsKey(new UserChannel(user, topic));
  }

  @Override
  public boolean canWrite(Topic topic, String username, String clientId) {
    if (Topics.isRequest(topic.toString())) {
      return true;
    }
    LOG.info("client {} published on {}, where only Herald publishes: disconnecting it", clientId, topic);
    forbiddenPublisher.accept(clientId);
    return false;
  }

  // ---- channels users have through Herald ----------------------------------------------------

  void joined(String user, String channel) {
    joins.merge(new UserChannel(user, channel), 1, Integer::sum);
  }

  /** A connection of {@code user} left the channel; true when another connection of the user is still on it. */
  boolean left(String user, String channel) {
    return joins.computeIfPresent(new UserChannel(user, channel), (k, n) -> n == 1 ? null : n - 1) != null;
  }

  // ---- what clients listen to at the broker --------------------------------------------------

  private synchronized void listening(String clientId, String topic) {
    topicsByClient.computeIfAbsent(clientId, k -> new HashSet<>()).add(topic);
    clientsByTopic.computeIfAbsent(topic, k -> new HashSet<>()).add(clientId);
  }

  /** The client unsubscribed from the topic. */
  synchronized void stoppedListening(String clientId, String topic) {
    Set<String> topics = topicsByClient.get(clientId);
    if (topics != null && topics.remove(topic) && topics.isEmpty()) {
      topicsByClient.remove(clientId);
    }
    removeClient(topic, clientId);
  }

  /** The client is gone, and its broker subscriptions with it. */
  synchronized void forget(String clientId) {
    Set<String> topics = topicsByClient.remove(clientId);
    if (topics != null) {
      for (String t : topics) {
        removeClient(t, clientId);
      }
    }
  }

  private void removeClient(String topic, String clientId) {
    Set<String> clients = clientsByTopic.get(topic);
    if (clients != null && clients.remove(clientId) && clients.isEmpty()) {
      clientsByTopic.remove(topic);
    }
  }

  synchronized boolean listens(String clientId, String topic) {
    Set<String> topics = topicsByClient.get(clientId);
    return topics != null && topics.contains(topic);
  }

  synchronized List<String> listeners(String topic) {
    Set<String> clients = clientsByTopic.get(topic);
    return clients == null ? List.of() : new ArrayList<>(clients);
  }
}
