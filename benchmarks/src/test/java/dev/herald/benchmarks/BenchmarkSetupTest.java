package dev.herald.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmarks' setups and checks hold outside JMH (the smoke run exercises them under JMH). */
class BenchmarkSetupTest {
  @Test
  void fanOutReachesEverySubscriberWithOneSharedFrame() {
    FanoutBenchmark.Subscribers s = new FanoutBenchmark.Subscribers();
    s.subscribers = 10;
    s.setUp(); // checks the shared frame
    FanoutBenchmark bench = new FanoutBenchmark();
    for (int i = 0; i < 100; i++) {
      bench.publishToSubscribers(s);
    }
    s.tearDown(); // checks that nobody missed one
  }

  @Test
  void protocolRequestsAreAnsweredAndEncodingNotifiesOnce() {
    ProtocolBenchmark p = new ProtocolBenchmark();
    p.setUp(); // checks each request's answer and that encoding sends exactly one frame
    for (int i = 0; i < 100; i++) {
      p.nowRequest();
      p.subscribeRequest();
      p.publishRequest();
      p.notificationEncoding();
      p.notificationUnmatched();
    }
    p.tearDown();
  }

  @Test
  void registrationRegistersAndRemovesEveryFilter() {
    RegistrationBenchmark.Filters filters = new RegistrationBenchmark.Filters();
    filters.keyword = "mixed";
    filters.setUp();
    RegistrationBenchmark bench = new RegistrationBenchmark();
    RegistrationBenchmark.Empty empty = new RegistrationBenchmark.Empty();
    empty.setUp();
    assertThat(bench.register(filters, empty).stats().filters()).isEqualTo(RegistrationBenchmark.FILTERS);
    empty.check();
    RegistrationBenchmark.Full full = new RegistrationBenchmark.Full();
    full.setUp(filters);
    bench.remove(full);
    full.check();
  }

  @Test
  void matchingReturnsTheWorkloadsCounts() {
    MatchBenchmark m = new MatchBenchmark();
    m.keyword = "range";
    m.shape = Shape.PARTIAL;
    m.filters = 10_000;
    m.setUp();
    assertThat(m.match()).isEqualTo(1);
  }
}
