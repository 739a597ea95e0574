package dev.herald.internal.realtime;

import dev.herald.realtime.Notification;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Something to notify: serialized to JSON once, whatever the number of channels and subscribers,
 * and turned into a typed {@link Notification} for in-process listeners. Used by one dispatching
 * thread at a time; the bytes, once made, are immutable and shared.
 */
abstract class Event {
  private byte[] json;

  /** The notification's JSON (without {@code room}, which transports add per channel). */
  final byte[] json() {
    if (json == null) {
      JsonOut out = new JsonOut();
      try {
        out.g.writeStartObject();
        write(out);
        out.g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      json = out.toBytes();
    }
    return json;
  }

  abstract void write(JsonOut out) throws IOException;

  abstract Notification typed(String channel);
}
