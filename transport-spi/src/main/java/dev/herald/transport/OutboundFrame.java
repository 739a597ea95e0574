package dev.herald.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A JSON message for a client: a response to one request, or a notification on one channel. The
 * same frame object, and the same bytes, go to every connection of a channel, so a notification is
 * serialized once however many subscribers it has. A transport routes it its own way: a WebSocket
 * writes {@link #jsonWithRoom()}, Socket.IO emits {@link #json()} on the event {@link #room()},
 * MQTT publishes {@link #json()} on the topic {@link #room()}.
 *
 * <p>Immutable and thread-safe; the derived forms are computed once, on first use, and shared.
 */
public final class OutboundFrame {
  /** What a frame answers. */
  public enum Kind {
    /** The answer to the request whose id is {@link #requestId()}. */
    RESPONSE,
    /** A notification on the channel {@link #channel()}. */
    NOTIFICATION
  }

  private final Kind kind;
  private final String room;
  private final byte[] json;
  private volatile byte[] withRoom;
  private volatile String text;
  private volatile String textWithRoom;

  private OutboundFrame(Kind kind, String room, byte[] json) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.room = Objects.requireNonNull(room, "room");
    this.json = Objects.requireNonNull(json, "json");
    if (json.length < 2 || json[0] != '{' || json[json.length - 1] != '}') {
      throw new IllegalArgumentException("a frame holds one JSON object");
    }
  }

  /** A response; {@code json} is a JSON object, which the frame keeps without copying. */
  public static OutboundFrame response(String requestId, byte[] json) {
    return new OutboundFrame(Kind.RESPONSE, requestId, json);
  }

  /** A notification; {@code json} is a JSON object, which the frame keeps without copying. */
  public static OutboundFrame notification(String channel, byte[] json) {
    return new OutboundFrame(Kind.NOTIFICATION, channel, json);
  }

  public Kind kind() {
    return kind;
  }

  /** The request id this responds to, or null for a notification. */
  public String requestId() {
    return kind == Kind.RESPONSE ? room : null;
  }

  /** The channel this notifies, or null for a response. */
  public String channel() {
    return kind == Kind.NOTIFICATION ? room : null;
  }

  /** Where the frame goes: the request id of a response, the channel of a notification. */
  public String room() {
    return room;
  }

  /** The JSON object, UTF-8. Shared: never modify it. */
  public byte[] json() {
    return json;
  }

  /** The JSON as text. */
  public String text() {
    String t = text;
    if (t == null) {
      t = new String(json, StandardCharsets.UTF_8);
      text = t;
    }
    return t;
  }

  /**
   * The JSON object with a last member {@code "room": room()}, as Kuzzle's WebSocket protocol routes
   * frames (Herald's own JSON never holds a {@code room} member). Shared: never modify it.
   */
  public byte[] jsonWithRoom() {
    byte[] w = withRoom;
    if (w == null) {
      w = appendRoom();
      withRoom = w;
    }
    return w;
  }

  /** {@link #jsonWithRoom()} as text. */
  public String textWithRoom() {
    String t = textWithRoom;
    if (t == null) {
      t = new String(jsonWithRoom(), StandardCharsets.UTF_8);
      textWithRoom = t;
    }
    return t;
  }

  private byte[] appendRoom() {
    StringBuilder member = new StringBuilder(room.length() + 12);
    boolean empty = json.length == 2 || onlyWhitespaceInside();
    member.append(empty ? "" : ",").append("\"room\":\"");
    for (int i = 0; i < room.length(); i++) {
      char c = room.charAt(i);
      if (c == '"' || c == '\\') {
        member.append('\\').append(c);
      } else if (c < 0x20) {
        member.append(String.format("\\u%04x", (int) c));
      } else {
        member.append(c);
      }
    }
    member.append("\"}");
    byte[] tail = member.toString().getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(json, json.length - 1 + tail.length);
    System.arraycopy(tail, 0, out, json.length - 1, tail.length);
    return out;
  }

  private boolean onlyWhitespaceInside() {
    for (int i = 1; i < json.length - 1; i++) {
      byte b = json[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return kind + " " + room + " " + text();
  }
}
