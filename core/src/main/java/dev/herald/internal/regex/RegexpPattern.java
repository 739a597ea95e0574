package dev.herald.internal.regex;

/**
 * A regular expression of the filter language, compiled with RE2J (linear time, no backtracking).
 * JavaScript-style flags: {@code i} (case-insensitive), {@code m} (multi-line anchors), {@code s}
 * (dot matches newlines); every other flag ({@code g}, {@code y}, {@code u}, unknown letters) is
 * accepted and changes nothing, so matching is stateless. Immutable and thread-safe; equal when
 * source and effective flags are equal. CONTRACT (implemented by the regexp work item).
 */
public final class RegexpPattern {
  /**
   * @param flags the flags string, or null for none
   * @throws IllegalArgumentException with RE2J's message when the source does not compile, or when
   *     it is longer than {@code maxLength} characters
   */
  public static RegexpPattern compile(String source, String flags, int maxLength) {
    throw new UnsupportedOperationException("contract");
  }

  public String source() {
    throw new UnsupportedOperationException("contract");
  }

  /** The effective flags, a subset of "ims" in that order. */
  public String flags() {
    throw new UnsupportedOperationException("contract");
  }

  /** Whether the pattern is found anywhere in {@code s} (JavaScript's {@code test}). */
  public boolean matches(String s) {
    throw new UnsupportedOperationException("contract");
  }
}
