package dev.herald.examples.socketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.messages.XHRPostMessage;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * netty-socketio 2.0.14's channel pipeline with four fixes to HTTP long-polling that Herald's
 * guarantees, and clients upgrading from polling to WebSocket, depend on:
 * <ul>
 *   <li>A POST of Engine.IO 4 may carry several packets, separated by 0x1E; netty-socketio copies
 *       each but the last into a buffer it never releases (a leak of pooled memory per such POST).
 *       Here its decoder is handed one packet at a time, which it reads in place.
 *   <li>An answer to a poll carries at most 50 packets, and netty-socketio takes the 51st out of the
 *       client's queue before noticing the limit, losing it. Here the queue handed to its encoder
 *       runs dry at the limit instead, and the rest goes with the next poll.
 *   <li>netty-socketio answers a POST before handing its packets to the listeners, so the client's
 *       next POST, on another connection, can be read on another event loop while the first is still
 *       being handled: requests could overtake each other. Here the answer is written once the
 *       packets are handled (on the same event loop, right after).
 *   <li>A client upgrading to WebSocket waits for its poll in progress to return before it
 *       switches. netty-socketio answers the probe with a single no-op on polling, which may land
 *       on the poll before, and the client then waits for the next ping (25 s) with its requests
 *       held. Here, as Engine.IO's reference server does, a no-op goes to polling every 100 ms until
 *       the client has switched.
 * </ul>
 *
 * <p>Thread-safety: the handlers are shared by every channel; per-channel state is in channel
 * attributes and event-loop tasks.
 */
final class SocketIoPipeline extends SocketIOChannelInitializer {
  private static final String POST_ANSWER_AFTER_HANDLING = "heraldPostAnswerAfterHandling";
  private static final String ONE_PACKET_PER_MESSAGE = "heraldOnePacketPerMessage";
  private static final String UPGRADE_NUDGE = "heraldUpgradeNudge";
  private static final AttributeKey<UUID> WEBSOCKET_SESSION = AttributeKey.valueOf("heraldWebSocketSession");
  private static final ByteBuf PROBE = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer("2probe", StandardCharsets.US_ASCII));
  private static final long NUDGE_MILLIS = 100;

  private final Function<UUID, ClientHead> clients;
  private final UpgradeNudge upgradeNudge = new UpgradeNudge();
  private volatile EncoderHandler encoder;
  private volatile long upgradeTimeoutNanos;

  /** @param clients the connected clients by session id (null when unknown) */
  SocketIoPipeline(Function<UUID, ClientHead> clients) {
    this.clients = clients;
  }

  @Override
  public void start(Configuration configuration, NamespacesHub namespacesHub) {
    super.start(configuration, namespacesHub);
    upgradeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(configuration.getUpgradeTimeout());
    try {
      encoder = new EncoderHandler(configuration, new BoundedPollEncoder(configuration));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected void addSocketioHandlers(ChannelPipeline pipeline) {
    super.addSocketioHandlers(pipeline);
    pipeline.replace(SOCKETIO_ENCODER, SOCKETIO_ENCODER, encoder);
    // Outbound messages go from the tail to the head: this sees the POST's answer before the encoder does.
    pipeline.addAfter(SOCKETIO_ENCODER, POST_ANSWER_AFTER_HANDLING, PostAnswerAfterHandling.INSTANCE);
    pipeline.addBefore(WEB_SOCKET_TRANSPORT, UPGRADE_NUDGE, upgradeNudge);
    pipeline.addBefore(PACKET_HANDLER, ONE_PACKET_PER_MESSAGE, OnePacketPerMessage.INSTANCE);
  }

  /**
   * Splits an Engine.IO 4 POST's packets, separated by 0x1E (which JSON text never holds
   * unescaped), into one message each. The slices share the request's buffer, released by netty-socketio once the
   * (synchronous) handling returns.
   */
  @Sharable
  private static final class OnePacketPerMessage extends ChannelInboundHandlerAdapter {
    static final OnePacketPerMessage INSTANCE = new OnePacketPerMessage();
    private static final byte SEPARATOR = 0x1E;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof PacketsMessage posted) || posted.getTransport() != Transport.POLLING
          || posted.getClient().getEngineIOVersion() != EngineIOVersion.V4) {
        ctx.fireChannelRead(msg);
        return;
      }
      ByteBuf content = posted.getContent();
      for (int length; (length = content.bytesBefore(SEPARATOR)) >= 0; ) {
        ByteBuf packet = content.readSlice(length);
        content.skipBytes(1);
        ctx.fireChannelRead(new PacketsMessage(posted.getClient(), packet, Transport.POLLING));
      }
      ctx.fireChannelRead(new PacketsMessage(posted.getClient(), content, Transport.POLLING));
    }
  }

  /** Watches WebSocket channels for an upgrade probe, then nudges the session's polling until it switches. */
  @Sharable
  private final class UpgradeNudge extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof FullHttpRequest request) {
        rememberSession(ctx, request);
      } else if (msg instanceof TextWebSocketFrame frame && frame.content().equals(PROBE)) {
        UUID session = ctx.channel().attr(WEBSOCKET_SESSION).get();
        ClientHead head = session == null ? null : clients.apply(session);
        if (head != null) {
          nudge(ctx, head);
        }
      }
      ctx.fireChannelRead(msg);
    }

    private void rememberSession(ChannelHandlerContext ctx, FullHttpRequest request) {
      Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
      List<String> sid = query.get("sid");
      if (sid != null && query.getOrDefault("transport", List.of()).contains("websocket")) {
        try {
          ctx.channel().attr(WEBSOCKET_SESSION).set(UUID.fromString(sid.get(0)));
        } catch (IllegalArgumentException e) {
          // not a session netty-socketio knows either: it refuses the request
        }
      }
    }

    private void nudge(ChannelHandlerContext ctx, ClientHead head) {
      long deadline = System.nanoTime() + upgradeTimeoutNanos;
      ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
      // Runs on this channel's event loop, like this method: task[0] is set before the first run.
      task[0] = ctx.executor().scheduleAtFixedRate(() -> {
        if (head.getCurrentTransport() != Transport.POLLING || !head.isConnected() || !ctx.channel().isActive()
            || System.nanoTime() - deadline > 0) {
          task[0].cancel(false);
        } else if (head.getPacketsQueue(Transport.POLLING).isEmpty()) {
          head.send(new Packet(PacketType.NOOP, head.getEngineIOVersion()), Transport.POLLING);
        }
      }, NUDGE_MILLIS, NUDGE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Defers the answer to a POST to the event loop's next task, after its packets are handled. */
  @Sharable
  private static final class PostAnswerAfterHandling extends ChannelOutboundHandlerAdapter {
    static final PostAnswerAfterHandling INSTANCE = new PostAnswerAfterHandling();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof XHRPostMessage) {
        ctx.executor().execute(() -> ctx.writeAndFlush(msg, promise));
      } else {
        ctx.write(msg, promise);
      }
    }
  }

  /** netty-socketio's encoder, given a queue that runs dry at the limit of packets per answer. */
  private static final class BoundedPollEncoder extends PacketEncoder {
    BoundedPollEncoder(Configuration configuration) {
      super(configuration, configuration.getJsonSupport());
    }

    @Override
    public void encodePackets(Queue<Packet> packets, ByteBuf buffer, ByteBufAllocator allocator, int limit)
        throws IOException {
      super.encodePackets(new Limited(packets, limit), buffer, allocator, Integer.MAX_VALUE);
    }

    @Override
    public void encodeJsonP(Integer jsonpIndex, Queue<Packet> packets, ByteBuf out, ByteBufAllocator allocator,
        int limit) throws IOException {
      super.encodeJsonP(jsonpIndex, new Limited(packets, limit), out, allocator, Integer.MAX_VALUE);
    }
  }

  /** A view of a queue from which at most {@code limit} elements can be polled. */
  private static final class Limited extends AbstractQueue<Packet> {
    private final Queue<Packet> queue;
    private int left;

    Limited(Queue<Packet> queue, int limit) {
      this.queue = queue;
      this.left = limit;
    }

    @Override
    public Packet poll() {
      if (left == 0) {
        return null;
      }
      Packet p = queue.poll();
      if (p != null) {
        left--;
      }
      return p;
    }

    @Override
    public Packet peek() {
      return left == 0 ? null : queue.peek();
    }

    @Override
    public boolean offer(Packet packet) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Iterator<Packet> iterator() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int size() {
      return left == 0 ? 0 : Math.min(left, queue.size());
    }
  }
}
