package dev.herald.internal.realtime;

import dev.herald.SlowConsumerPolicy;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import dev.herald.transport.SendCompletion;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A bounded, ordered queue of items for one subscriber, drained by whichever thread adds or
 * completes an item, one drainer at a time: items are handed over in order, at most
 * {@code maxInFlight} of them unacknowledged, and the queue never holds more than {@code capacity}
 * notifications. A subscriber that never acknowledges delays nobody else: the policy fires once its
 * queue is full.
 *
 * <p>The common case, an outbox with nothing waiting, hands the item over at once: a few atomic
 * operations and no allocation. Thread-safe, lock-free; {@code offer} never blocks.
 *
 * @param <T> what is delivered (frames for connections, notifications for listeners)
 */
abstract class Outbox<T> {
  private static final VarHandle QUEUED;
  private static final VarHandle IN_FLIGHT;
  private static final VarHandle DRAINING;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      QUEUED = l.findVarHandle(Outbox.class, "queued", int.class);
      IN_FLIGHT = l.findVarHandle(Outbox.class, "inFlight", int.class);
      DRAINING = l.findVarHandle(Outbox.class, "draining", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private volatile int queued;
  private volatile int inFlight;
  private volatile int draining; // 1 while one thread hands items over
  private final int capacity;
  private final int maxInFlight;
  private final SlowConsumerPolicy policy;
  private final DeliveryStats stats;
  private volatile boolean closed;

  /** Told once per item handed over: preallocated, so a delivery allocates nothing. */
  final SendCompletion notificationDone = failure -> completed(failure);
  final SendCompletion responseDone = failure -> completed(failure);

  /** A response waiting in the queue (notifications wait as they are). */
  private record Response(Object item) {}

  Outbox(int capacity, int maxInFlight, SlowConsumerPolicy policy, DeliveryStats stats) {
    this.capacity = capacity;
    this.maxInFlight = maxInFlight;
    this.policy = policy;
    this.stats = stats;
  }

  /** Queues a notification; false when it was not queued (closed, or dropped by the policy). */
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
    // Fast path: nothing waits and a slot is free; holding the drain, hand it over in order now.
    if (queued == 0 && DRAINING.compareAndSet(this, 0, 1)) {
      if (queued == 0 && inFlight < maxInFlight) {
        IN_FLIGHT.getAndAdd(this, 1);
        hand(item, notification);
        draining = 0;
        if (queued != 0) {
          drain(); // something arrived while we held the drain
        }
        return true;
      }
      draining = 0;
    }
    int size = queued;
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
    QUEUED.getAndAdd(this, 1);
    queue.offer(notification ? item : new Response(item));
    drain();
    return true;
  }

  @SuppressWarnings("unchecked")
  private void drain() {
    while (true) {
      if (!DRAINING.compareAndSet(this, 0, 1)) {
        return; // another thread is draining and will see our item
      }
      try {
        while (inFlight < maxInFlight) {
          Object o = queue.poll();
          if (o == null) {
            break;
          }
          QUEUED.getAndAdd(this, -1);
          IN_FLIGHT.getAndAdd(this, 1);
          if (o instanceof Response) {
            hand((T) ((Response) o).item(), false);
          } else {
            hand((T) o, true);
          }
        }
      } finally {
        draining = 0;
      }
      // An item added, or a slot freed, after our last poll but before we let go must not wait.
      if (queue.isEmpty() || inFlight >= maxInFlight) {
        return;
      }
    }
  }

  private void hand(T item, boolean notification) {
    try {
      deliver(item, notification);
    } catch (RuntimeException | Error t) {
      completed(t);
    }
  }

  /** Called by the delivery, once per item, from any thread. */
  final void completed(Throwable failure) {
    IN_FLIGHT.getAndAdd(this, -1);
    if (!closed && queued != 0) {
      drain();
    }
  }

  /** Stops delivering; queued items are discarded. */
  void close() {
    closed = true;
    queue.clear();
    queued = 0;
  }

  boolean isClosed() {
    return closed;
  }

  int queuedCount() {
    return queued;
  }

  /**
   * Hands one item over; must end with exactly one {@link #completed} call, possibly later (pass
   * {@link #notificationDone} or {@link #responseDone} to the transport).
   */
  abstract void deliver(T item, boolean notification);

  /** The policy decided to let this subscriber go. */
  abstract void onTooSlow();

  /** Queues this subscriber's form of a channel's notification (see {@link #offerNotification}). */
  abstract boolean offer(Delivery delivery);
}
