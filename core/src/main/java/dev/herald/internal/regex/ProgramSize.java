package dev.herald.internal.regex;

/**
 * Estimates, before RE2J sees a pattern, how many instructions its program will have and how deeply
 * its groups nest. RE2J itself sets no such limits: a 23-character pattern such as
 * {@code ((a{1000}){1000}){1000}} makes it allocate until the heap is gone, and deep nesting
 * overflows the stack of its recursive compiler. The estimate follows RE2J's expansion of counted
 * repetitions (n copies of the repeated part), so it is close to {@link
 * com.google.re2j.Pattern#programSize()}; the exact size is checked again after compiling.
 *
 * <p>Cost: one pass over the source. Stateless and thread-safe.
 */
final class ProgramSize {
  private static final long SATURATED = 1L << 40;

  private ProgramSize() {}

  /** Group nesting of {@code source}, counting every kind of parenthesis. */
  static int nesting(String source) {
    RegexLexer lexer = new RegexLexer(source);
    int depth = 0;
    int deepest = 0;
    for (RegexLexer.Kind k = lexer.next(); k != RegexLexer.Kind.END; k = lexer.next()) {
      if (k == RegexLexer.Kind.OPEN) {
        deepest = Math.max(deepest, ++depth);
      } else if (k == RegexLexer.Kind.CLOSE && depth > 0) {
        depth--;
      }
    }
    return deepest;
  }

  /**
   * Estimated instruction count of the compiled program, saturating at a huge value. Syntax errors
   * are tolerated (RE2J reports them afterwards).
   */
  static long estimate(String source) {
    RegexLexer lexer = new RegexLexer(source);
    // One frame per open group: the size so far and the size of the last atom (what a
    // repetition copies).
    long[] total = new long[8];
    long[] last = new long[8];
    int depth = 0;
    for (RegexLexer.Kind k = lexer.next(); k != RegexLexer.Kind.END; k = lexer.next()) {
      switch (k) {
        case CHAR:
        case ATOM:
        case ASSERT:
          total[depth] = add(total[depth], 1);
          last[depth] = 1;
          break;
        case QUOTED:
          total[depth] = add(total[depth], lexer.length());
          last[depth] = lexer.length() > 0 ? 1 : 0;
          break;
        case OPEN:
          depth++;
          if (depth == total.length) {
            total = java.util.Arrays.copyOf(total, depth * 2);
            last = java.util.Arrays.copyOf(last, depth * 2);
          }
          total[depth] = 0;
          last[depth] = 0;
          break;
        case CLOSE:
          if (depth > 0) {
            long group = add(total[depth], 2); // capture instructions
            depth--;
            total[depth] = add(total[depth], group);
            last[depth] = group;
          }
          break;
        case ALTERNATION:
          total[depth] = add(total[depth], 2);
          last[depth] = 0;
          break;
        case REPEAT: {
          long atom = last[depth];
          // x{n,m} becomes max(n,m) copies of x, each with a branch instruction at most;
          // x{n,} becomes n copies plus a loop.
          long copies = lexer.max() < 0 ? Math.max(lexer.min(), 1) + 1 : Math.max(lexer.max(), 1);
          long repeated = add(mul(atom, copies), copies + 1);
          total[depth] = add(total[depth] - atom, repeated);
          last[depth] = repeated;
          break;
        }
        case FLAGS:
        default:
          break;
      }
    }
    long size = total[0];
    for (int d = depth; d > 0; d--) {
      size = add(size, total[d]);
    }
    return add(size, 4); // program prologue and match
  }

  private static long add(long a, long b) {
    return Math.min(SATURATED, a + b);
  }

  private static long mul(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > SATURATED / b ? SATURATED : Math.min(SATURATED, a * b);
  }
}
