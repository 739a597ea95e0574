package dev.herald.internal.realtime;

import dev.herald.realtime.Notification;
import dev.herald.transport.OutboundFrame;

/**
 * One event on one channel: the frame every network subscriber of the channel shares (so
 * per-channel forms such as the WebSocket {@code room} member are computed once), and the typed
 * notification for in-process listeners. Built and used by one dispatching thread.
 */
final class Delivery {
  final String channel;
  final Event event;
  private OutboundFrame frame;
  private Notification typed;

  Delivery(String channel, Event event) {
    this.channel = channel;
    this.event = event;
  }

  OutboundFrame frame() {
    if (frame == null) {
      frame = OutboundFrame.notification(channel, event.json());
    }
    return frame;
  }

  Notification typed() {
    if (typed == null) {
      typed = event.typed(channel);
    }
    return typed;
  }
}
