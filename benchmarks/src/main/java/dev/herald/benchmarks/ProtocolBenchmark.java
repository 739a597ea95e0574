package dev.herald.benchmarks;

import dev.herald.Herald;
import dev.herald.filter.Document;
import dev.herald.transport.Gateway;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kuzzle's protocol at Herald's edge, through the public API only (the reader and writer are
 * internal), with in-memory connections that discard what they receive ({@link DiscardingConnection}):
 *
 * <ul>
 *   <li>requests, each one JSON frame handed to {@code Gateway.received} as a transport would, and
 *       answered: {@code nowRequest}, the smallest ({@code server:now}: decoding the envelope and
 *       encoding a short answer); {@code subscribeRequest}, a {@code realtime:subscribe} with a
 *       two-condition filter, on a collection nobody reports to, that the connection already holds (decoding, validation, normalizing the
 *       filter, the room id's SHA-256, the answer; no new state); {@code publishRequest}, a
 *       {@code realtime:publish} of a 300-byte document to a collection nobody it matches listens to
 *       (decoding, re-serializing the body with its {@code _kuzzle_info}, matching, the answer);</li>
 *   <li>notification encoding: {@code notificationEncoding} reports a 300-byte document to a
 *       collection with one subscriber whose transport fans out natively, so Herald matches it,
 *       serializes the notification once and hands that one frame over; {@code notificationUnmatched}
 *       reports it to a collection whose room it does not match: the same work but the notification.
 *       Their difference is the cost of building and serializing one notification.</li>
 * </ul>
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/herald-benchmarks.jar ProtocolBenchmark -prof gc
 * </pre>
 *
 * Scores are nanoseconds per request or document.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Longer than the suite's default: serializing takes about a second of warm-up to settle.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(Settings.FORKS)
public class ProtocolBenchmark {
  private Herald herald;
  private Gateway gateway;
  private DiscardingConnection client;
  private DiscardingConnection.Fanout fanout;
  private Document order;
  private byte[] now;
  private byte[] subscribe;
  private byte[] publish;

  @Setup
  public void setUp() {
    herald = Herald.builder().build();
    gateway = herald.gateway();
    order = Frames.order();
    now = Frames.now();
    subscribe = Frames.subscribe(Frames.OTHER_COLLECTION, Frames.ORDERS_FILTER, "sub-1");
    publish = Frames.publish(Frames.QUIET_COLLECTION);

    client = new DiscardingConnection("client");
    gateway.connected(client);
    gateway.received(client, subscribe);
    Frames.requireSuccess(client.last, "subscribe");
    gateway.received(client, Frames.subscribe(Frames.QUIET_COLLECTION, Frames.NEVER_FILTER, "sub-2"));
    Frames.requireSuccess(client.last, "subscribe quiet");

    fanout = new DiscardingConnection.Fanout();
    DiscardingConnection native_ = new DiscardingConnection("native", fanout);
    gateway.connected(native_);
    gateway.received(native_, Frames.subscribe(Frames.COLLECTION, Frames.CATCH_ALL_FILTER, "sub-3"));
    Frames.requireSuccess(native_.last, "subscribe native");

    // Each benchmark does what it says: one notification per encoding, none when unmatched.
    gateway.received(client, now);
    Frames.requireSuccess(client.last, "server:now");
    gateway.received(client, subscribe);
    Frames.requireSuccess(client.last, "subscribe again");
    gateway.received(client, publish);
    Frames.requireSuccess(client.last, "publish");
    long before = fanout.frames;
    notificationEncoding();
    notificationUnmatched();
    if (fanout.frames != before + 1 || fanout.last.channel() == null) {
      throw new IllegalStateException("expected exactly one notification frame, got " + (fanout.frames - before));
    }
    if (herald.stats().rooms() != 3) {
      throw new IllegalStateException("unexpected rooms: " + herald.stats());
    }
  }

  @TearDown
  public void tearDown() {
    if (client.closeReason != null) {
      throw new IllegalStateException("the client was closed: " + client.closeReason);
    }
    herald.close();
  }

  @Benchmark
  public void nowRequest() {
    gateway.received(client, now);
  }

  @Benchmark
  public void subscribeRequest() {
    gateway.received(client, subscribe);
  }

  @Benchmark
  public void publishRequest() {
    gateway.received(client, publish);
  }

  @Benchmark
  public void notificationEncoding() {
    herald.documents().published(Frames.CONTEXT, Frames.INDEX, Frames.COLLECTION, "ord-2024-000042", order);
  }

  @Benchmark
  public void notificationUnmatched() {
    herald.documents().published(Frames.CONTEXT, Frames.INDEX, Frames.QUIET_COLLECTION, "ord-2024-000042", order);
  }
}
