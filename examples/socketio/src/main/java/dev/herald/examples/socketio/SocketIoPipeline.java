package dev.herald.examples.socketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.messages.XHRPostMessage;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import java.io.IOException;
import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Queue;

/**
 * netty-socketio 2.0.14's channel pipeline with two fixes to HTTP long-polling that Herald's
 * guarantees depend on:
 * <ul>
 *   <li>An answer to a poll carries at most 50 packets, and netty-socketio takes the 51st out of the
 *       client's queue before noticing the limit, losing it. Here the queue handed to its encoder
 *       runs dry at the limit instead, and the rest goes with the next poll.
 *   <li>netty-socketio answers a POST before handing its packets to the listeners, so the client's
 *       next POST, on another connection, can be read on another event loop while the first is still
 *       being handled: requests could overtake each other. Here the answer is written once the
 *       packets are handled (on the same event loop, right after).
 * </ul>
 *
 * <p>Thread-safety: the handlers are shared by every channel and hold no per-channel state.
 */
final class SocketIoPipeline extends SocketIOChannelInitializer {
  private static final String POST_ANSWER_AFTER_HANDLING = "heraldPostAnswerAfterHandling";

  private volatile EncoderHandler encoder;

  @Override
  public void start(Configuration configuration, NamespacesHub namespacesHub) {
    super.start(configuration, namespacesHub);
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
