package dev.herald.internal.regex;

import java.util.function.Consumer;

/**
 * Finds the items whose pattern matches a string without running every pattern: patterns are
 * deduplicated, and each is filed under a literal it requires (an anchored prefix, or a trigram of a
 * required substring, case-folded for {@code i}); only candidates whose literal occurs in the string
 * are run. Patterns without a usable literal are always run.
 *
 * <p>Thread-safety: any number of threads may {@link #query} while one thread at a time adds or
 * removes (the caller serializes writers). CONTRACT (implemented by the regexp work item).
 */
public final class RegexpIndex<T> {
  public void add(T item, RegexpPattern pattern) {
    throw new UnsupportedOperationException("contract");
  }

  public void remove(T item, RegexpPattern pattern) {
    throw new UnsupportedOperationException("contract");
  }

  /** Calls {@code hits} exactly once for each item whose pattern matches {@code value}. */
  public void query(String value, Consumer<? super T> hits) {
    throw new UnsupportedOperationException("contract");
  }

  public boolean isEmpty() {
    throw new UnsupportedOperationException("contract");
  }
}
