package dev.herald.internal.realtime;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** One endpoint in one room: the volatile data of its first subscription, and the channels it joined. */
final class Membership {
  final RoomState room;
  final Map<String, Object> volatileData;
  final String protocol;
  final Set<ChannelState> channels = new LinkedHashSet<>(2);

  Membership(RoomState room, Map<String, Object> volatileData, String protocol) {
    this.room = room;
    this.volatileData = volatileData;
    this.protocol = protocol;
  }
}
