package dev.herald;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay: token expiries. Injectable so tests advance time themselves.
 * Implementations must be thread-safe; tasks must not block.
 */
@FunctionalInterface
public interface Scheduler {
  /** A scheduled task that may still be cancelled. */
  @FunctionalInterface
  interface Task {
    /** Cancels the task if it has not run; idempotent. */
    void cancel();
  }

  Task schedule(Runnable task, Duration delay);

  /** A scheduler backed by an executor service (which the caller owns and shuts down). */
  static Scheduler of(ScheduledExecutorService executor) {
    return (task, delay) -> {
      ScheduledFuture<?> f = executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
      return () -> f.cancel(false);
    };
  }

  /** A daemon single-thread scheduler, for hosts that want one of their own. */
  static ScheduledExecutorService newDaemonExecutor(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }
}
