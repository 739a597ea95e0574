package dev.herald.internal.realtime;

import java.util.concurrent.atomic.LongAdder;

/** Counters shared by every outbox of a Herald. Thread-safe. */
final class DeliveryStats {
  private final LongAdder delivered = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder disconnected = new LongAdder();

  void delivered(int notifications) {
    if (notifications != 0) {
      delivered.add(notifications);
    }
  }

  void dropped() {
    dropped.increment();
  }

  void slowConsumerDisconnected() {
    disconnected.increment();
  }

  long deliveredCount() {
    return delivered.sum();
  }

  long droppedCount() {
    return dropped.sum();
  }

  long disconnectedCount() {
    return disconnected.sum();
  }
}
