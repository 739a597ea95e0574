package dev.herald.examples.socketio;

import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import dev.herald.examples.socketio.SocketIoJson.RawFrame;
import dev.herald.examples.socketio.SocketIoJson.Request;
import dev.herald.examples.socketio.SocketIoJson.RequestIdKind;
import dev.herald.transport.Connection;
import dev.herald.transport.Gateway;
import dev.herald.transport.OutboundFrame;
import dev.herald.transport.SendCompletion;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Socket.IO client: netty-socketio's events on one side, Herald's {@link Connection} on the
 * other. A frame is emitted on the event {@link OutboundFrame#room()} (the request id of a response,
 * the channel of a notification) with the frame's JSON as its one argument, raw; a response is also
 * the answer to the request's acknowledgement when the client asked for one.
 *
 * <p>Completion, per Engine.IO transport (netty-socketio's {@code sendEvent} returns nothing, so the
 * packet goes through its {@link ClientHead}, which returns the write's future):
 * <ul>
 *   <li>WebSocket: when every byte written before the frame, and the frame, has left for the
 *       socket (an empty write after it completes then, Netty completing writes in order). A client
 *       that stops reading therefore holds its completions, and Herald's bounded outbox applies.
 *   <li>Polling: when the frame is encoded into the answer to one of the client's polls (the
 *       answer is written at once). A client polls again only after reading an answer, so frames it
 *       does not come for stay pending, and Herald's outbox applies again.
 *   <li>Either way, frames still pending when the client disconnects complete with a
 *       {@link ClosedChannelException}.
 * </ul>
 *
 * <p>Thread-safety: {@link #send} and {@link #close} may be called from any thread; netty-socketio
 * calls {@link #received} and {@link #disconnected} from its event loops.
 */
final class SocketIoConnection implements Connection {
  private static final Logger LOG = LoggerFactory.getLogger(SocketIoConnection.class);
  /**
   * Acknowledgements waiting per connection, at most. A request Herald cannot read (over its size
   * limit) is answered on an id it makes up, so its acknowledgement waits until the client leaves.
   */
  static final int MAX_PENDING_ACKS = 1024;

  private final SocketIOClient client;
  private final ClientHead head;
  private final Gateway gateway;
  private final String id;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
  /** Acknowledgements to answer, by request id; guarded by itself, like pendingAcks. */
  private final Map<String, Deque<AckRequest>> acks = new HashMap<>();
  private int pendingAcks;
  private final Object receiving = new Object();

  SocketIoConnection(SocketIOClient client, Gateway gateway) {
    if (!(client instanceof NamespaceClient namespaceClient)) {
      throw new IllegalArgumentException("not a netty-socketio namespace client: " + client.getClass());
    }
    this.client = client;
    this.head = namespaceClient.getBaseClient();
    this.gateway = gateway;
    this.id = client.getSessionId().toString();
  }

  // ---- netty-socketio's side -----------------------------------------------------------------

  ClientHead head() {
    return head;
  }

  /** One {@code kuzzle} event. */
  void received(Request request, AckRequest ack) {
    if (ack.isAckRequested()) {
      request = awaitAck(request, ack);
    }
    // A polling client may send POSTs at once, on connections served by different event loops.
    synchronized (receiving) {
      if (request.json() != null) {
        gateway.received(this, request.json());
      } else {
        gateway.received(this, request.text());
      }
    }
  }

  private Request awaitAck(Request request, AckRequest ack) {
    if (request.idKind() == RequestIdKind.MISSING) {
      // Herald would make an id up, unknown here; an id of the same kind (UUID v4) is given instead.
      request = request.withRequestId(UUID.randomUUID().toString());
    }
    if (request.idKind() != RequestIdKind.GIVEN) {
      LOG.debug("{}: no usable requestId in {}; its acknowledgement is not answered", this, request);
      return request;
    }
    synchronized (acks) {
      if (pendingAcks == MAX_PENDING_ACKS) {
        LOG.debug("{}: {} acknowledgements already wait; the one of {} is not answered", this, MAX_PENDING_ACKS,
            request.requestId());
        return request;
      }
      acks.computeIfAbsent(request.requestId(), k -> new ArrayDeque<>(1)).add(ack);
      pendingAcks++;
    }
    return request;
  }

  private AckRequest takeAck(String requestId) {
    synchronized (acks) {
      if (acks.isEmpty()) {
        return null;
      }
      Deque<AckRequest> waiting = acks.get(requestId);
      if (waiting == null) {
        return null;
      }
      AckRequest ack = waiting.poll();
      pendingAcks--;
      if (waiting.isEmpty()) {
        acks.remove(requestId);
      }
      return ack;
    }
  }

  /** The client is gone, whatever the cause. Idempotent. */
  void disconnected() {
    if (!open.compareAndSet(true, false)) {
      return;
    }
    for (Pending p : pending) {
      p.complete(new ClosedChannelException());
    }
    synchronized (acks) {
      acks.clear();
      pendingAcks = 0;
    }
    gateway.disconnected(this);
  }

  // ---- Herald's side -------------------------------------------------------------------------

  @Override
  public String id() {
    return id;
  }

  @Override
  public String protocol() {
    return "socketio";
  }

  @Override
  public void send(OutboundFrame frame, SendCompletion completion) {
    if (!open.get() || !head.isConnected()) {
      completion.completed(new ClosedChannelException());
      return;
    }
    Transport transport = head.getCurrentTransport();
    Pending p = new Pending(completion, transport == Transport.POLLING);
    pending.add(p);
    if (!open.get()) { // disconnected meanwhile, maybe before p was added
      p.complete(new ClosedChannelException());
      return;
    }
    ChannelFuture queued = head.send(event(frame.room(), new RawFrame(frame, p)), transport);
    if (transport == Transport.WEBSOCKET) {
      if (queued == null) {
        p.completeWhenEncoded();
      } else {
        queued.addListener((ChannelFutureListener) f -> afterQueued(f, p));
      }
    }
    if (frame.kind() == OutboundFrame.Kind.RESPONSE) {
      AckRequest ack = takeAck(frame.requestId());
      if (ack != null) {
        ack.sendAckData(new RawFrame(frame, null));
      }
    }
  }

  /** On the event loop, once the frame is handed to the WebSocket channel. */
  private static void afterQueued(ChannelFuture queued, Pending p) {
    if (!queued.isSuccess()) {
      p.complete(queued.cause());
      return;
    }
    queued.channel().writeAndFlush(Unpooled.EMPTY_BUFFER)
        .addListener((ChannelFutureListener) f -> p.complete(f.isSuccess() ? null : f.cause()));
  }

  private Packet event(String name, RawFrame argument) {
    Packet packet = new Packet(PacketType.MESSAGE, head.getEngineIOVersion());
    packet.setSubType(PacketType.EVENT);
    packet.setName(name);
    packet.setData(List.of(argument));
    return packet.withNsp(client.getNamespace().getName(), head.getEngineIOVersion());
  }

  /**
   * Disconnects the client the Socket.IO way (a disconnect packet, then the transport closes); the
   * client sees {@code "io server disconnect"}, which Socket.IO clients do not reconnect after by
   * themselves. Socket.IO carries no reason: it is logged.
   */
  @Override
  public void close(String reason) {
    if (open.get()) {
      LOG.debug("closing {}: {}", this, reason);
      head.disconnect(); // calls the disconnect listeners, hence disconnected()
    }
  }

  @Override
  public String toString() {
    return "SocketIO[" + id + "]";
  }

  /** A frame handed to netty-socketio, until it is written or cannot be. */
  private final class Pending implements Runnable {
    private final SendCompletion completion;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile boolean completeWhenEncoded;
    private volatile boolean encoded;

    Pending(SendCompletion completion, boolean completeWhenEncoded) {
      this.completion = completion;
      this.completeWhenEncoded = completeWhenEncoded;
    }

    /** Called by the serializer, on the event loop, when the frame is encoded into a packet. */
    @Override
    public void run() {
      encoded = true;
      if (completeWhenEncoded) {
        complete(null);
      }
    }

    void completeWhenEncoded() {
      completeWhenEncoded = true;
      if (encoded) {
        complete(null);
      }
    }

    void complete(Throwable failure) {
      if (done.compareAndSet(false, true)) {
        pending.remove(this);
        completion.completed(failure);
      }
    }
  }
}
