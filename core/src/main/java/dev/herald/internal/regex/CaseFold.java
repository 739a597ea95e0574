package dev.herald.internal.regex;

/**
 * The case folding used to key and check literals of case-insensitive patterns:
 * {@code toLowerCase(toUpperCase(c))}, applied alike to pattern literals and document text.
 *
 * <p>Literals of case-insensitive patterns are printable ASCII only. For those, two characters
 * RE2 treats as equal under {@code (?i)} always fold to the same value: the only non-ASCII
 * characters RE2 equates with ASCII ones are U+017F (long s) and U+212A (Kelvin sign), which fold
 * to 's' and 'k'. The fold is coarser than RE2 in places (U+0130 and U+0131 fold to 'i', which RE2
 * does not equate with 'i'); that only lets an extra candidate through to RE2J. Stateless.
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

  /** Whether {@code text} starts with {@code literal}, folding text only when {@code folded}. */
  static boolean startsWith(String text, String literal, boolean folded) {
    if (!folded) {
      return text.startsWith(literal);
    }
    int m = literal.length();
    if (text.length() < m) {
      return false;
    }
    for (int i = 0; i < m; i++) {
      if (fold(text.charAt(i)) != literal.charAt(i)) {
        return false;
      }
    }
    return true;
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
    int last = text.length() - m;
    char first = literal.charAt(0);
    outer:
    for (int i = 0; i <= last; i++) {
      if (fold(text.charAt(i)) != first) {
        continue;
      }
      for (int j = 1; j < m; j++) {
        if (fold(text.charAt(i + j)) != literal.charAt(j)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
