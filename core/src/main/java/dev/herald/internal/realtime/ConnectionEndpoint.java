package dev.herald.internal.realtime;

import dev.herald.Scheduler;
import dev.herald.SlowConsumerPolicy;
import dev.herald.auth.Identity;
import dev.herald.transport.ChannelFanout;
import dev.herald.transport.Connection;
import dev.herald.transport.OutboundFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A client connection of some transport: its outbox, identity and token expiry. */
final class ConnectionEndpoint extends Endpoint {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionEndpoint.class);

  final Connection connection;
  private final ChannelFanout fanout;
  private final Outbox<OutboundFrame> outbox;

  // Token state, guarded by this.
  private Identity identity = Identity.ANONYMOUS;
  private String token;
  private Scheduler.Task expiry;

  ConnectionEndpoint(Connection connection, int capacity, int maxInFlight, SlowConsumerPolicy policy,
      DeliveryStats stats) {
    this.connection = connection;
    this.fanout = connection.fanout();
    this.outbox = new Outbox<>(capacity, maxInFlight, policy, stats) {
      @Override
      void deliver(OutboundFrame frame, boolean notification) {
        connection.send(frame, notification ? notificationDone : responseDone);
      }

      @Override
      boolean offer(Delivery d) {
        return offerNotification(d.frame());
      }

      @Override
      void onTooSlow() {
        LOG.warn("connection {} ({}) is too slow: {} frames waiting; closing it", connection.id(),
            connection.protocol(), queuedCount());
        try {
          connection.close("too slow: notifications were not read fast enough");
        } catch (RuntimeException e) {
          LOG.debug("closing slow connection {} failed", connection.id(), e);
        }
      }
    };
  }

  @Override
  String id() {
    return connection.id();
  }

  @Override
  String protocol() {
    return connection.protocol();
  }

  @Override
  ChannelFanout fanout() {
    return fanout;
  }

  @Override
  Connection connection() {
    return connection;
  }

  @Override
  Outbox<?> outbox() {
    return outbox;
  }

  @Override
  void deliverPrivate(Event event, String channel) {
    outbox.offerNotification(OutboundFrame.notification(channel, event.json()));
  }

  void respond(OutboundFrame response) {
    outbox.offerResponse(response);
  }

  void closeOutbox() {
    outbox.close();
  }

  // ---- token -------------------------------------------------------------------------------

  synchronized Identity identity() {
    return identity;
  }

  /**
   * Records the last valid token this connection sent. Returns true when it is a new token whose
   * expiry must be scheduled (the caller schedules, then {@link #expiryScheduled}).
   */
  synchronized boolean tokenSeen(String newToken, Identity newIdentity) {
    if (newToken.equals(token)) {
      return false;
    }
    if (expiry != null) {
      expiry.cancel();
      expiry = null;
    }
    token = newToken;
    identity = newIdentity;
    return newIdentity.expires();
  }

  synchronized void expiryScheduled(String forToken, Scheduler.Task task) {
    if (forToken.equals(token)) {
      expiry = task;
    } else {
      task.cancel();
    }
  }

  /** The token expired: true if it is still this connection's token (then it is forgotten). */
  synchronized boolean tokenExpired(String expiredToken) {
    if (!expiredToken.equals(token)) {
      return false;
    }
    token = null;
    identity = Identity.ANONYMOUS;
    expiry = null;
    return true;
  }

  synchronized void cancelExpiry() {
    if (expiry != null) {
      expiry.cancel();
      expiry = null;
    }
  }
}
