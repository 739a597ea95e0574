package dev.herald.internal.realtime;

import dev.herald.realtime.Room;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A live room: its channels and subscriber count. Mutated under the hotel lock; dispatch reads the
 * published {@link #channelArray} without locking.
 */
final class RoomState {
  final Room room;
  final CollectionKey key;
  final String engineIndex;
  final Map<String, ChannelState> channels = new LinkedHashMap<>();
  volatile ChannelState[] channelArray = new ChannelState[0];
  int subscribers; // distinct endpoints; guarded by the hotel lock

  RoomState(Room room, CollectionKey key, String engineIndex) {
    this.room = room;
    this.key = key;
    this.engineIndex = engineIndex;
  }

  String id() {
    return room.id();
  }

  ChannelState channel(String id) {
    return channels.get(id);
  }

  void addChannel(ChannelState c) {
    channels.put(c.channel.id(), c);
    channelArray = channels.values().toArray(new ChannelState[0]);
  }
}
