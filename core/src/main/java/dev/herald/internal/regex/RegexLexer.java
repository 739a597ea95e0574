package dev.herald.internal.regex;

/**
 * Splits an RE2 pattern into the tokens that matter for literal extraction and size estimation.
 * It knows RE2's syntax well enough to find where each atom, group, class, escape and repetition
 * ends; it never decodes what a class or a non-punctuation escape matches.
 *
 * <p>Never throws and always terminates. Syntax it cannot interpret sets {@link #confused()}; a
 * caller needing exact structure (the literal extractor) must then give up, a caller wanting an
 * estimate may carry on. Where RE2 itself hesitates (a {@code {} that may or may not start a
 * repetition), the lexer errs towards the reading that makes extraction lose literals, never the
 * one that would invent them. Not thread-safe; one instance per scan.
 */
final class RegexLexer {
  enum Kind {
    /** A character matched literally: {@link #ch()}. Plain, or escaped ASCII punctuation. */
    CHAR,
    /** Anything else matching one character: class, dot, Perl or Unicode class, numeric escape. */
    ATOM,
    /** A zero-width assertion: {@code ^ $ \A \z \b \B}. {@link #ch()} is '^', '$', 'A', 'z', 'b' or 'B'. */
    ASSERT,
    /** {@code (}, {@code (?:}, {@code (?flags:}, {@code (?P<name>} or {@code (?<name>}. */
    OPEN,
    /** {@code (?flags)}: changes flags until the end of the enclosing group; not a group. */
    FLAGS,
    CLOSE,
    ALTERNATION,
    /** A repetition of the preceding atom: {@link #min()}, {@link #max()} (-1 when unbounded). */
    REPEAT,
    /** {@code \Q...\E}: {@link #length()} characters taken literally. */
    QUOTED,
    END
  }

  private final String s;
  private int pos;
  private boolean confused;

  private int start;
  private char ch;
  private int min;
  private int max;
  private int length;

  RegexLexer(String source) {
    this.s = source;
  }

  /** Whether some syntax was not understood; sticky. */
  boolean confused() {
    return confused;
  }

  /** Index in the source where the current token starts. */
  int start() {
    return start;
  }

  char ch() {
    return ch;
  }

  int min() {
    return min;
  }

  int max() {
    return max;
  }

  int length() {
    return length;
  }

  Kind next() {
    int n = s.length();
    start = pos;
    if (pos >= n) {
      return Kind.END;
    }
    char c = s.charAt(pos);
    switch (c) {
      case '\\':
        return escape();
      case '[':
        pos = classEnd(pos);
        return Kind.ATOM;
      case '(':
        return group();
      case ')':
        pos++;
        return Kind.CLOSE;
      case '|':
        pos++;
        return Kind.ALTERNATION;
      case '.':
        pos++;
        return Kind.ATOM;
      case '^':
      case '$':
        pos++;
        ch = c;
        return Kind.ASSERT;
      case '*':
        return repeat(pos + 1, 0, -1);
      case '+':
        return repeat(pos + 1, 1, -1);
      case '?':
        return repeat(pos + 1, 0, 1);
      case '{':
        if (braceRepeat()) {
          return Kind.REPEAT;
        }
        pos++;
        ch = c;
        return Kind.CHAR;
      default:
        pos++;
        ch = c;
        return Kind.CHAR;
    }
  }

  private Kind repeat(int after, int lo, int hi) {
    min = lo;
    max = hi;
    pos = after;
    if (pos < s.length() && s.charAt(pos) == '?') {
      pos++; // non-greedy: same language
    }
    return Kind.REPEAT;
  }

  /**
   * {@code {n}}, {@code {n,}} or {@code {n,m}} at pos. RE2 also rejects leading zeros (then the brace
   * is a literal); reading those as a repetition only loses literals, so the lexer accepts them.
   */
  private boolean braceRepeat() {
    int n = s.length();
    int i = pos + 1;
    int digitsStart = i;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    if (i == digitsStart || i >= n) {
      return false;
    }
    int lo = parseCapped(digitsStart, i);
    int hi = lo;
    if (s.charAt(i) == ',') {
      i++;
      int maxStart = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      hi = i == maxStart ? -1 : parseCapped(maxStart, i);
    }
    if (i >= n || s.charAt(i) != '}') {
      return false;
    }
    repeat(i + 1, lo, hi);
    return true;
  }

  private int parseCapped(int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      v = Math.min(v * 10 + (s.charAt(i) - '0'), 1_000_000);
    }
    return (int) v;
  }

  private Kind group() {
    int n = s.length();
    if (pos + 1 >= n || s.charAt(pos + 1) != '?') {
      pos++;
      return Kind.OPEN;
    }
    int i = pos + 2;
    if (i < n && (s.charAt(i) == '<' || (s.charAt(i) == 'P' && i + 1 < n && s.charAt(i + 1) == '<'))) {
      int close = s.indexOf('>', i);
      if (close < 0) {
        confused = true;
        pos = n;
      } else {
        pos = close + 1;
      }
      return Kind.OPEN;
    }
    while (i < n && (isAsciiLetter(s.charAt(i)) || s.charAt(i) == '-')) {
      i++;
    }
    if (i < n && s.charAt(i) == ')') {
      pos = i + 1;
      return Kind.FLAGS;
    }
    if (i < n && s.charAt(i) == ':') {
      pos = i + 1;
      return Kind.OPEN;
    }
    // Lookaround and the like: RE2 rejects them. Read a group so that nesting stays balanced.
    confused = true;
    pos += 2;
    return Kind.OPEN;
  }

  private Kind escape() {
    int n = s.length();
    if (pos + 1 >= n) {
      confused = true;
      pos = n;
      return Kind.ATOM;
    }
    char e = s.charAt(pos + 1);
    pos += 2;
    switch (e) {
      case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
      case 'a': case 'f': case 'n': case 'r': case 't': case 'v':
        return Kind.ATOM;
      case 'A': case 'z': case 'b': case 'B':
        ch = e;
        return Kind.ASSERT;
      case 'p': case 'P':
        if (pos < n && s.charAt(pos) == '{') {
          skipPast('}');
        } else if (pos < n) {
          pos += Character.charCount(s.codePointAt(pos));
        } else {
          confused = true;
        }
        return Kind.ATOM;
      case 'x':
        if (pos < n && s.charAt(pos) == '{') {
          skipPast('}');
        } else {
          pos = Math.min(n, pos + 2);
        }
        return Kind.ATOM;
      case 'Q': {
        int end = s.indexOf("\\E", pos);
        int stop = end < 0 ? n : end;
        length = stop - pos;
        pos = end < 0 ? n : end + 2;
        return Kind.QUOTED;
      }
      default:
        if (e >= '0' && e <= '7') {
          // Octal: up to three digits in all. A lone \1..\7 is a backreference, which RE2 rejects.
          for (int k = 0; k < 2 && pos < n && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; k++) {
            pos++;
          }
          return Kind.ATOM;
        }
        if (e < 0x80 && !isAsciiLetter(e) && !isDigit(e)) {
          if (e >= 0x20 && e < 0x7f) {
            ch = e;
            return Kind.CHAR;
          }
          return Kind.ATOM; // escaped control character: valid, but not worth a literal
        }
        if (e >= 0x80) {
          // RE2J takes an escaped non-ASCII character literally; report it as opaque.
          if (Character.isHighSurrogate(e) && pos < n && Character.isLowSurrogate(s.charAt(pos))) {
            pos++;
          }
          return Kind.ATOM;
        }
        confused = true; // unknown letter or digit escape: RE2 rejects it
        return Kind.ATOM;
    }
  }

  private void skipPast(char close) {
    int i = s.indexOf(close, pos);
    if (i < 0) {
      confused = true;
      pos = s.length();
    } else {
      pos = i + 1;
    }
  }

  /** Index just past the class opening at {@code open}. */
  private int classEnd(int open) {
    int n = s.length();
    int i = open + 1;
    if (i < n && s.charAt(i) == '^') {
      i++;
    }
    boolean first = true; // ']' right after '[' or '[^' is a member
    while (i < n) {
      char c = s.charAt(i);
      if (c == ']' && !first) {
        return i + 1;
      }
      first = false;
      if (c == '[' && i + 1 < n && s.charAt(i + 1) == ':') {
        // RE2 reads "[:" up to the next ":]" as a POSIX class name (rejecting unknown names).
        int close = s.indexOf(":]", i + 2);
        if (close >= 0) {
          i = close + 2;
          continue;
        }
      }
      if (c == '\\') {
        // Escapes inside a class never hold a ']' beyond the escaped character itself.
        i += 2;
        continue;
      }
      i++;
    }
    confused = true;
    return n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
