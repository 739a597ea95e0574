package dev.herald.tck;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.herald.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * Time that moves only when a test says so: a {@link Clock}, a {@link Scheduler} and a Caffeine
 * {@link Ticker} in one, so token expiry and cache TTL tests never sleep. Give the same instance to
 * {@code Herald.Builder#clock}, {@code #scheduler} and {@code #ticker}. Thread-safe.
 */
public final class ManualTime extends Clock implements Scheduler, Ticker {
  private long millis;
  private long sequence;
  private final PriorityQueue<Scheduled> tasks =
      new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));

  private static final class Scheduled {
    final long at;
    final long seq;
    final Runnable task;
    volatile boolean cancelled;

    Scheduled(long at, long seq, Runnable task) {
      this.at = at;
      this.seq = seq;
      this.task = task;
    }
  }

  public ManualTime(Instant start) {
    this.millis = start.toEpochMilli();
  }

  /** Moves time forward and runs, on the calling thread, every task that became due, in order. */
  public void advance(Duration d) {
    long target;
    synchronized (this) {
      target = millis + d.toMillis();
    }
    while (true) {
      Scheduled next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.at > target) {
          millis = target;
          return;
        }
        tasks.poll();
        millis = Math.max(millis, next.at);
      }
      if (!next.cancelled) {
        next.task.run();
      }
    }
  }

  /** Tasks waiting to run. */
  public synchronized int pending() {
    int n = 0;
    for (Scheduled s : tasks) {
      n += s.cancelled ? 0 : 1;
    }
    return n;
  }

  @Override
  public synchronized Task schedule(Runnable task, Duration delay) {
    Scheduled s = new Scheduled(millis + Math.max(0, delay.toMillis()), sequence++, task);
    tasks.add(s);
    return () -> s.cancelled = true;
  }

  @Override
  public synchronized long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("ManualTime is UTC only");
  }

  @Override
  public long read() {
    return millis() * 1_000_000L;
  }

}
