package dev.herald.internal.realtime;

import dev.herald.SlowConsumerPolicy;
import dev.herald.realtime.Channel;
import dev.herald.realtime.Notification;
import dev.herald.realtime.NotificationListener;
import dev.herald.realtime.Room;
import dev.herald.realtime.Subscription;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process subscription: notifications reach its listener one at a time, in order, on the
 * listener executor.
 */
final class LocalEndpoint extends Endpoint implements Subscription {
  private static final Logger LOG = LoggerFactory.getLogger(LocalEndpoint.class);
  private static final AtomicLong IDS = new AtomicLong();

  private final String id = "local-" + IDS.incrementAndGet();
  private final Hotel hotel;
  private final Outbox<Notification> outbox;
  private volatile Room room;
  private volatile Channel channel;
  private volatile Runnable onUnsubscribe = () -> {};

  LocalEndpoint(Hotel hotel, NotificationListener listener, Executor executor, int capacity,
      SlowConsumerPolicy policy, DeliveryStats stats) {
    this.hotel = hotel;
    this.outbox = new Outbox<>(capacity, 1, policy, stats) {
      @Override
      void deliver(Notification n, boolean notification) {
        executor.execute(() -> {
          try {
            listener.onNotification(n);
          } catch (RuntimeException e) {
            LOG.warn("listener of {} threw on a {} notification", id, n.getClass().getSimpleName(), e);
          } finally {
            completed(null);
          }
        });
      }

      @Override
      boolean offer(Delivery d) {
        return offerNotification(d.typed());
      }

      @Override
      void onTooSlow() {
        LOG.warn("in-process subscription {} is too slow; unsubscribing it", id);
        executor.execute(LocalEndpoint.this::unsubscribe);
      }
    };
  }

  void onUnsubscribe(Runnable action) {
    this.onUnsubscribe = action;
  }

  void subscribed(Room r, Channel c) {
    this.room = r;
    this.channel = c;
  }

  @Override
  String id() {
    return id;
  }

  @Override
  String protocol() {
    return "internal";
  }

  @Override
  Outbox<?> outbox() {
    return outbox;
  }

  @Override
  void deliverPrivate(Event event, String channelId) {
    outbox.offerNotification(event.typed(channelId));
  }

  @Override
  public Room room() {
    return room;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public boolean isActive() {
    return !outbox.isClosed() && room != null && hotel.isMember(this, room.id());
  }

  @Override
  public void unsubscribe() {
    hotel.leaveAll(this, true);
    outbox.close();
    onUnsubscribe.run();
  }

  @Override
  public String toString() {
    return "Subscription[" + id + " " + channel + "]";
  }
}
