package dev.herald.internal.realtime;

import dev.herald.realtime.Channel;
import dev.herald.transport.ChannelFanout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A live channel: its subscribers, published as copy-on-write arrays so dispatch reads them
 * without locking. Endpoints whose transport fans out natively are counted per fan-out instead:
 * the channel's frame goes once to each such transport. Mutated under the hotel lock.
 */
final class ChannelState {
  final Channel channel;
  final RoomState room;
  volatile Endpoint[] endpoints = new Endpoint[0];
  volatile ChannelFanout[] fanouts = new ChannelFanout[0];
  private final Map<ChannelFanout, Integer> fanoutMembers = new IdentityHashMap<>();

  ChannelState(Channel channel, RoomState room) {
    this.channel = channel;
    this.room = room;
  }

  String id() {
    return channel.id();
  }

  void add(Endpoint e) {
    ChannelFanout f = e.fanout();
    if (f != null) {
      f.joined(e.connection(), channel.id());
      if (fanoutMembers.merge(f, 1, Integer::sum) == 1) {
        fanouts = fanoutMembers.keySet().toArray(new ChannelFanout[0]);
      }
      return;
    }
    Endpoint[] a = endpoints;
    Endpoint[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = e;
    endpoints = b;
  }

  void remove(Endpoint e) {
    ChannelFanout f = e.fanout();
    if (f != null) {
      f.left(e.connection(), channel.id());
      if (fanoutMembers.merge(f, -1, Integer::sum) == 0) {
        fanoutMembers.remove(f);
        fanouts = fanoutMembers.keySet().toArray(new ChannelFanout[0]);
      }
      return;
    }
    Endpoint[] a = endpoints;
    List<Endpoint> b = new ArrayList<>(a.length);
    for (Endpoint x : a) {
      if (x != e) {
        b.add(x);
      }
    }
    endpoints = b.toArray(new Endpoint[0]);
  }
}
