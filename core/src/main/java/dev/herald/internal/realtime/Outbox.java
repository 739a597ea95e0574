package dev.herald.internal.realtime;

import dev.herald.SlowConsumerPolicy;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded, ordered queue of items for one subscriber, drained by whichever thread adds or
 * completes an item, one drainer at a time: items are handed over in order, at most
 * {@code maxInFlight} of them unacknowledged, and the queue never holds more than {@code capacity}
 * notifications. A subscriber that never acknowledges delays nobody else: the policy fires once its
 * queue is full.
 *
 * <p>Thread-safe, lock-free. {@code offer} never blocks.
 *
 * @param <T> what is delivered (frames for connections, notifications for listeners)
 */
abstract class Outbox<T> {
  private final ConcurrentLinkedQueue<Entry<T>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final int capacity;
  private final int maxInFlight;
  private final SlowConsumerPolicy policy;
  private final DeliveryStats stats;
  private volatile boolean closed;

  private record Entry<T>(T item, boolean notification) {}

  Outbox(int capacity, int maxInFlight, SlowConsumerPolicy policy, DeliveryStats stats) {
    this.capacity = capacity;
    this.maxInFlight = maxInFlight;
    this.policy = policy;
    this.stats = stats;
  }

  /**
   * Queues a notification; false when it was not queued (closed, or dropped by the policy).
   */
  boolean offerNotification(T item) {
    return offer(item, true);
  }

  /**
   * Queues a response. Responses are not dropped, but a subscriber that leaves twice the capacity
   * unread is too slow whatever the policy, and is disconnected.
   */
  boolean offerResponse(T item) {
    return offer(item, false);
  }

  private boolean offer(T item, boolean notification) {
    if (closed) {
      return false;
    }
    int size = queued.get();
    if (notification ? size >= capacity : size >= 2 * capacity) {
      if (notification && policy == SlowConsumerPolicy.DROP) {
        stats.dropped();
        return false;
      }
      closed = true;
      stats.slowConsumerDisconnected();
      onTooSlow();
      return false;
    }
    queued.incrementAndGet();
    queue.offer(new Entry<>(item, notification));
    drain();
    return true;
  }

  private void drain() {
    while (true) {
      if (!draining.compareAndSet(false, true)) {
        return; // another thread is draining and will see our item
      }
      try {
        while (inFlight.get() < maxInFlight) {
          Entry<T> e = queue.poll();
          if (e == null) {
            break;
          }
          queued.decrementAndGet();
          inFlight.incrementAndGet();
          try {
            deliver(e.item(), e.notification());
          } catch (RuntimeException | Error t) {
            completed(e.notification(), t);
          }
        }
      } finally {
        draining.set(false);
      }
      // An item added, or a slot freed, after our last poll but before we let go must not wait.
      if (queue.isEmpty() || inFlight.get() >= maxInFlight) {
        return;
      }
    }
  }

  /** Called by the delivery, once per item, from any thread. */
  final void completed(boolean notification, Throwable failure) {
    inFlight.decrementAndGet();
    if (failure == null && notification) {
      stats.delivered();
    }
    if (!closed) {
      drain();
    }
  }

  /** Stops delivering; queued items are discarded. */
  void close() {
    closed = true;
    queue.clear();
    queued.set(0);
  }

  boolean isClosed() {
    return closed;
  }

  int queuedCount() {
    return queued.get();
  }

  /** Hands one item over; must end with exactly one {@link #completed} call, possibly later. */
  abstract void deliver(T item, boolean notification);

  /** The policy decided to let this subscriber go. */
  abstract void onTooSlow();
}
