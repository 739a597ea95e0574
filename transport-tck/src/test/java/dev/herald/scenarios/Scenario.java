package dev.herald.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.Herald;
import dev.herald.api.RequestContext;
import dev.herald.auth.Identity;
import dev.herald.auth.JwtTokens;
import dev.herald.filter.Document;
import dev.herald.tck.InMemoryClient;
import dev.herald.tck.InMemoryTransport;
import dev.herald.tck.ManualTime;
import dev.herald.transport.OutboundFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Herald on manual time behind an in-memory transport whose connections report the protocol
 * "websocket", with helpers to send requests and read what clients receive.
 */
class Scenario implements AutoCloseable {
  static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
  static final byte[] SECRET = "a-test-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8);

  final ManualTime time = new ManualTime(START);
  final JwtTokens tokens = JwtTokens.hmacSha256(SECRET, time);
  final Herald herald;
  final InMemoryTransport transport;
  private final List<InMemoryClient> clients = new ArrayList<>();
  private int requestIds;

  Scenario() {
    this(b -> {});
  }

  Scenario(Consumer<Herald.Builder> configure) {
    Herald.Builder b = Herald.builder().nodeId("node-1").clock(time).scheduler(time).ticker(time)
        .tokenVerifier(tokens).requestExecutor(Runnable::run).listenerExecutor(Runnable::run);
    configure.accept(b);
    herald = b.build();
    transport = new InMemoryTransport(herald.gateway(), "websocket");
  }

  InMemoryClient client() {
    InMemoryClient c = transport.connect();
    clients.add(c);
    return c;
  }

  /** Sends a request and returns its response (as a map); notifications received meanwhile are kept in order. */
  Map<String, Object> request(InMemoryClient c, String json) {
    c.send(json);
    OutboundFrame f = c.next();
    assertThat(f.kind()).as("a response, got %s", f).isEqualTo(OutboundFrame.Kind.RESPONSE);
    return Document.parse(f.json()).content();
  }

  String nextId() {
    return "req-" + (++requestIds);
  }

  /** subscribe to index "i", collection "c"; returns the result {roomId, channel}. */
  @SuppressWarnings("unchecked")
  Map<String, Object> subscribe(InMemoryClient c, String filter, String options) {
    Map<String, Object> r = request(c, "{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"i\","
        + "\"collection\":\"c\",\"requestId\":\"" + nextId() + "\",\"body\":" + filter + options + "}");
    assertThat(r.get("status")).as("subscribe: %s", r).isEqualTo(200L);
    return (Map<String, Object>) r.get("result");
  }

  /** The next notification a client received, with its channel in "room". */
  Map<String, Object> notification(InMemoryClient c) {
    OutboundFrame f = c.next();
    assertThat(f.kind()).as("a notification, got %s", f).isEqualTo(OutboundFrame.Kind.NOTIFICATION);
    return Document.parse(f.jsonWithRoom()).content();
  }

  /** Fails if the client received anything (everything is synchronous here: nothing is late). */
  void nothingFor(InMemoryClient c) {
    assertThat(c.drain()).isEmpty();
  }

  RequestContext context(String requestId) {
    return new RequestContext(requestId, time.millis(), Map.of("origin", "test"), "http", "document",
        Identity.ANONYMOUS);
  }

  static Document doc(String json) {
    return Document.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  void advance(Duration d) {
    time.advance(d);
  }

  @Override
  public void close() {
    for (InMemoryClient c : clients) {
      c.close();
    }
    herald.close();
  }
}
