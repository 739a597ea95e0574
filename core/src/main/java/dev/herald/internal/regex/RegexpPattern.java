package dev.herald.internal.regex;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;

/**
 * A regular expression of the filter language, compiled with RE2J (linear time, no backtracking).
 * JavaScript-style flags: {@code i} (case-insensitive), {@code m} (multi-line anchors), {@code s}
 * (dot matches newlines); every other flag ({@code g}, {@code y}, {@code u}, unknown letters) is
 * accepted and changes nothing, so matching is stateless. Immutable and thread-safe; equal when
 * source and effective flags are equal.
 *
 * <p>Syntax and semantics are RE2's: no lookaround, no backreferences, {@code .} matches one code
 * point (a surrogate pair counts as one character). Besides syntax errors and the length limit,
 * {@link #compile} rejects patterns whose compiled program would exceed 20,000 instructions or
 * whose groups nest deeper than 1,000 levels: RE2J has no such limits of its own, and a short pattern like {@code ((a{1000}){1000}){1000}} would exhaust the heap.
 *
 * <p>Cost: {@link #matches} is linear in the length of the string times the size of the program
 * (RE2J's NFA), typically well under a microsecond for short strings.
 */
public final class RegexpPattern {
  /** Largest compiled program accepted, in RE2J instructions (one per literal character, roughly). */
  static final int MAX_PROGRAM_SIZE = 20_000;
  /** Deepest group nesting accepted. */
  static final int MAX_NESTING = 1_000;

  private final String source;
  private final String flags;
  private final Pattern compiled;

  private RegexpPattern(String source, String flags, Pattern compiled) {
    this.source = source;
    this.flags = flags;
    this.compiled = compiled;
  }

  /**
   * @param flags the flags string, or null for none
   * @throws IllegalArgumentException with RE2J's message when the source does not compile, or when
   *     it is longer than {@code maxLength} characters
   */
  public static RegexpPattern compile(String source, String flags, int maxLength) {
    Objects.requireNonNull(source, "source");
    if (source.length() > maxLength) {
      throw new IllegalArgumentException(
          "regular expression too long: " + source.length() + " characters, the limit is " + maxLength);
    }
    boolean i = false;
    boolean m = false;
    boolean s = false;
    if (flags != null) {
      i = flags.indexOf('i') >= 0;
      m = flags.indexOf('m') >= 0;
      s = flags.indexOf('s') >= 0;
    }
    String effective = (i ? "i" : "") + (m ? "m" : "") + (s ? "s" : "");
    int re2Flags = (i ? Pattern.CASE_INSENSITIVE : 0) | (m ? Pattern.MULTILINE : 0) | (s ? Pattern.DOTALL : 0);

    if (ProgramSize.nesting(source) > MAX_NESTING) {
      throw new IllegalArgumentException("regular expression nests groups deeper than " + MAX_NESTING);
    }
    // The estimate is close to the real size; the margin keeps borderline patterns for the exact
    // check below, while anything that would blow up RE2J is refused before it starts.
    if (ProgramSize.estimate(source) > 2L * MAX_PROGRAM_SIZE) {
      throw tooLarge();
    }
    Pattern compiled;
    try {
      compiled = compileOnThisThread(source, re2Flags);
    } catch (StackOverflowError e) {
      try {
        compiled = LargeStack.call(() -> compileOnThisThread(source, re2Flags));
      } catch (StackOverflowError again) {
        throw new IllegalArgumentException("regular expression too deeply nested");
      }
    }
    if (compiled.programSize() > MAX_PROGRAM_SIZE) {
      throw tooLarge();
    }
    return new RegexpPattern(source, effective, compiled);
  }

  private static IllegalArgumentException tooLarge() {
    return new IllegalArgumentException(
        "regular expression too large: more than " + MAX_PROGRAM_SIZE + " instructions once compiled");
  }

  private static Pattern compileOnThisThread(String source, int re2Flags) {
    try {
      return Pattern.compile(source, re2Flags);
    } catch (PatternSyntaxException e) {
      String what = e.getPattern();
      String message = what == null || what.isEmpty() ? e.getDescription() : e.getDescription() + ": " + what;
      throw new IllegalArgumentException(message, e);
    } catch (RuntimeException e) {
      // Not expected from RE2J, but a hostile pattern must never escape as anything else.
      throw new IllegalArgumentException("cannot compile regular expression: " + e, e);
    }
  }

  public String source() {
    return source;
  }

  /** The effective flags, a subset of "ims" in that order. */
  public String flags() {
    return flags;
  }

  boolean caseInsensitive() {
    return flags.indexOf('i') >= 0;
  }

  boolean multiline() {
    return flags.indexOf('m') >= 0;
  }

  /**
   * Whether the pattern is found anywhere in {@code s} (JavaScript's {@code test}). Null never
   * matches. Stateless: safe to call from any number of threads.
   */
  public boolean matches(String s) {
    if (s == null) {
      return false;
    }
    try {
      return compiled.matcher(s).find();
    } catch (StackOverflowError e) {
      // RE2J follows empty transitions recursively; retry where the stack cannot run out.
      try {
        return LargeStack.call(() -> compiled.matcher(s).find());
      } catch (StackOverflowError again) {
        return false; // unreachable within MAX_PROGRAM_SIZE; a query must not throw
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegexpPattern && ((RegexpPattern) o).source.equals(source)
        && ((RegexpPattern) o).flags.equals(flags);
  }

  @Override
  public int hashCode() {
    return source.hashCode() * 31 + flags.hashCode();
  }

  @Override
  public String toString() {
    return "/" + source + "/" + flags;
  }
}
