package dev.herald.internal.regex;

/**
 * The case folding used to key and check literals of case-insensitive patterns:
 * {@code toLowerCase(toUpperCase(c))}, applied alike to pattern literals and document text.
 *
 * <p>Literals of case-insensitive patterns are printable ASCII only. For those, two characters
 * RE2 treats as equal under {@code (?i)} always fold to the same value: the only non-ASCII
 * characters RE2 equates with ASCII ones are U+017F (long s) and U+212A (Kelvin sign), which fold
 * to 's' and 'k'. The fold is coarser than RE2 in one place: U+0130 and U+0131 fold to 'i', which
 * RE2 does not equate with 'i'. Keys use the fold as it is (an extra candidate is harmless); the
 * comparisons below ({@link #sameAsRe2}) exclude those two, so that they agree with RE2 exactly and
 * can decide a match. Stateless.
 */
final class CaseFold {
  private CaseFold() {}

  static char fold(char c) {
    if (c < 0x80) {
      return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return Character.toLowerCase(Character.toUpperCase(c));
  }

  static String foldAll(String s) {
    char[] out = new char[s.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = fold(s.charAt(i));
    }
    return new String(out);
  }

  /**
   * Whether RE2 under {@code (?i)} matches text character {@code c} with the literal character
   * {@code folded}, a folded printable ASCII character.
   */
  static boolean sameAsRe2(char c, char folded) {
    return fold(c) == folded && (folded != 'i' || c < 0x80);
  }

  /** Whether {@code text} has {@code literal} at {@code offset}, folding text only when {@code folded}. */
  static boolean regionMatches(String text, int offset, String literal, boolean folded) {
    int m = literal.length();
    if (offset < 0 || offset > text.length() - m) {
      return false;
    }
    if (!folded) {
      return text.startsWith(literal, offset);
    }
    for (int i = 0; i < m; i++) {
      if (!sameAsRe2(text.charAt(offset + i), literal.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code text} starts with {@code literal}, folding text only when {@code folded}. */
  static boolean startsWith(String text, String literal, boolean folded) {
    return regionMatches(text, 0, literal, folded);
  }

  /** Whether {@code text} ends with {@code literal}, folding text only when {@code folded}. */
  static boolean endsWith(String text, String literal, boolean folded) {
    return regionMatches(text, text.length() - literal.length(), literal, folded);
  }

  /**
   * Whether {@code text} contains {@code literal}, folding text only when {@code folded}. Naive
   * search: callers keep literals short, so the cost stays within a small multiple of the length.
   */
  static boolean contains(String text, String literal, boolean folded) {
    if (!folded) {
      return text.indexOf(literal) >= 0;
    }
    int m = literal.length();
    if (m == 0) {
      return true;
    }
    int last = text.length() - m;
    char first = literal.charAt(0);
    outer:
    for (int i = 0; i <= last; i++) {
      if (!sameAsRe2(text.charAt(i), first)) {
        continue;
      }
      for (int j = 1; j < m; j++) {
        if (!sameAsRe2(text.charAt(i + j), literal.charAt(j))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
