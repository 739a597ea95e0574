package dev.herald.internal.realtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One endpoint in one room: the volatile data of its first subscription, and the channels it joined
 * (each with its place on the channel). Guarded by the hotel lock.
 */
final class Membership {
  final RoomState room;
  final Map<String, Object> volatileData;
  final String protocol;
  final Map<ChannelState, ChannelState.Member> channels = new LinkedHashMap<>(2);

  Membership(RoomState room, Map<String, Object> volatileData, String protocol) {
    this.room = room;
    this.volatileData = volatileData;
    this.protocol = protocol;
  }
}
