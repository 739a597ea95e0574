package dev.herald.benchmarks;

import dev.herald.Herald;
import dev.herald.filter.Document;
import dev.herald.tck.InMemoryClient;
import dev.herald.tck.InMemoryTransport;
import dev.herald.transport.Gateway;
import dev.herald.transport.OutboundFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fan-out: the host reports one document ({@code herald.documents().published}, about 300 bytes) and
 * Herald delivers its notification to {@code subscribers} client connections, each subscribed with
 * {@code {}} on the collection through a {@code realtime:subscribe} request. Herald matches the
 * document once, serializes the notification once, and hands the same frame to each connection's
 * outbox, all on the calling thread. The connections are in-memory clients of the transport SPI that
 * read each frame at once and keep none ({@link DiscardingConnection}), so what is measured is
 * Herald's own work; the setup also subscribes a client of the transport kit's
 * {@code InMemoryTransport} and checks that it receives the very frame every other subscriber got,
 * and the teardown that no subscriber missed a notification.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/herald-benchmarks.jar 'FanoutBenchmark|ProtocolBenchmark.notification'
 * </pre>
 *
 * Scores are microseconds per document. The cost of one more subscriber is the slope,
 * {@code (score(100000) - score(1000)) / 99000}; compare it with serializing the notification once,
 * {@code ProtocolBenchmark.notificationEncoding - ProtocolBenchmark.notificationUnmatched} (the
 * target: under 5%). {@link Smoke} prints both from the 1 and 1,000 runs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Longer than the suite's default: serializing takes about a second of warm-up to settle.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(Settings.FORKS)
public class FanoutBenchmark {
  /** A Herald whose collection has {@code subscribers} connections on one channel. */
  @State(Scope.Benchmark)
  public static class Subscribers {
    @Param({"1", "1000", "100000"})
    public int subscribers;

    Herald herald;
    Document order;
    private DiscardingConnection[] connections;

    @Setup
    public void setUp() {
      herald = Herald.builder().build();
      order = Frames.order();
      Gateway gateway = herald.gateway();
      byte[] subscribe = Frames.subscribe(Frames.COLLECTION, Frames.CATCH_ALL_FILTER, "sub");
      connections = new DiscardingConnection[subscribers];
      long start = System.nanoTime();
      for (int i = 0; i < subscribers; i++) {
        DiscardingConnection c = new DiscardingConnection("bench-" + i);
        gateway.connected(c);
        gateway.received(c, subscribe);
        Frames.requireSuccess(c.last, "subscription " + i);
        connections[i] = c;
      }
      System.out.printf("%d connections subscribed in %.1f s%n", subscribers, (System.nanoTime() - start) / 1e9);

      // A client of the transport kit receives the very frame the others get: one serialization.
      InMemoryClient probe = new InMemoryTransport(gateway).connect();
      probe.send(new String(subscribe, StandardCharsets.UTF_8));
      Frames.requireSuccess(probe.next(), "probe subscription");
      publish();
      OutboundFrame received = probe.poll(Duration.ofSeconds(10));
      if (received == null || received.channel() == null) {
        throw new IllegalStateException("the probe got no notification: " + received);
      }
      for (DiscardingConnection c : connections) {
        if (c.frames != 2 || c.last != received) {
          throw new IllegalStateException(c.id() + " did not get the shared frame");
        }
        c.keepLast = false;
        c.last = null;
      }
      probe.disconnect();
    }

    void publish() {
      herald.documents().published(Frames.CONTEXT, Frames.INDEX, Frames.COLLECTION, "ord-2024-000042", order);
    }

    @TearDown
    public void tearDown() {
      long expected = connections[0].frames;
      for (DiscardingConnection c : connections) {
        if (c.frames != expected || c.closeReason != null) {
          throw new IllegalStateException(c.id() + " got " + c.frames + " frames, not " + expected + " (closed: "
              + c.closeReason + ")");
        }
      }
      herald.close();
    }
  }

  @Benchmark
  public void publishToSubscribers(Subscribers s) {
    s.publish();
  }
}
