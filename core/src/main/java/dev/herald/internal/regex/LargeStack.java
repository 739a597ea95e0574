package dev.herald.internal.regex;

import java.util.function.Supplier;

/**
 * Runs a task on a fresh thread with a large stack. RE2J's compiler and its matcher's
 * empty-transition closure are recursive, so a legitimate pattern (for example {@code .{0,1000}},
 * which RE2J turns into 1000 nested optional parts) can overflow a small thread stack. Callers
 * first try on their own thread and come here only after a {@link StackOverflowError}, so the
 * outcome never depends on the stack size of the caller.
 *
 * <p>Cost: one thread start (tens of microseconds) per call; only hostile or extreme patterns get
 * here. Thread-safe.
 */
final class LargeStack {
  /** Address space reserved, not memory committed: pages are touched only as the stack grows. */
  static final long STACK_BYTES = 64L << 20;

  private LargeStack() {}

  /**
   * The result of {@code task}, run on a thread with a {@link #STACK_BYTES} stack; its runtime
   * exceptions and errors are rethrown here. Waits without giving up on interruption (the wait
   * is bounded by the task, which is linear-time work), then restores the interrupt status.
   */
  static <T> T call(Supplier<T> task) {
    Object[] outcome = new Object[2];
    Thread worker = new Thread(null, () -> {
      try {
        outcome[0] = task.get();
      } catch (Throwable t) { // handed over to the caller below
        outcome[1] = t;
      }
    }, "herald-regexp-large-stack", STACK_BYTES);
    worker.setDaemon(true);
    worker.start();
    boolean interrupted = false;
    while (true) {
      try {
        worker.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable failure = (Throwable) outcome[1];
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    @SuppressWarnings("unchecked")
    T result = (T) outcome[0];
    return result;
  }
}
