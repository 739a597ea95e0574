package dev.herald.internal.regex;

import java.util.ArrayList;
import java.util.List;

/**
 * Where {@link RegexpIndex} files a pattern: under an anchored literal prefix, under one trigram of
 * a literal every match contains, or in the always-run list. Built by {@link #of}, which reads the
 * pattern's top-level concatenation and collects the runs of characters every match must contain
 * consecutively.
 *
 * <p>Soundness is the one requirement: whenever the pattern matches a string, that string has the
 * plan's key (its prefix, or its trigram somewhere) and contains {@link #check}. Anything the
 * extractor is not sure about ends the current run or abandons extraction:
 * <ul>
 *   <li>a top-level {@code |} abandons extraction (the pattern is always run);</li>
 *   <li>a top-level {@code (?flags)} or {@code \Q...\E} stops collecting (earlier runs stand, since
 *       flags change only what follows), except that a repetition right after {@code (?i)} or an
 *       empty {@code \Q\E} abandons extraction (it applies to whatever precedes them);</li>
 *   <li>groups (skipped whole), classes, {@code .}, assertions and escapes other than escaped
 *       ASCII punctuation end the current run;</li>
 *   <li>{@code ?}, {@code *} and {@code {0,..}} drop the preceding character; {@code +} and
 *       {@code {n>=1,..}} keep it but end the run;</li>
 *   <li>with flag {@code i} only printable ASCII characters are literal (folded with {@link
 *       CaseFold}); without it, any UTF-16 unit but a surrogate;</li>
 *   <li>a leading {@code ^} counts as an anchor only without flag {@code m} ({@code \A} always).</li>
 * </ul>
 * Immutable.
 */
final class LiteralPlan {
  enum Route { PREFIX, TRIGRAM, ALWAYS }

  /** Longest literal checked before running RE2J: keeps the naive search cheap. */
  static final int MAX_CHECK = 32;

  static final LiteralPlan ALWAYS = new LiteralPlan(Route.ALWAYS, false, 0, 0L, null, false);

  final Route route;
  /** Whether keys and check are case-folded (flag {@code i}). */
  final boolean folded;
  /** For PREFIX: the number of characters in the key, 1 to 4. */
  final int prefixLength;
  /** The key: up to four prefix characters, or a trigram, 16 bits each, first character highest. */
  final long key;
  /**
   * A required literal to verify before running RE2J, or null when the key already proves it. For
   * PREFIX, the string starts with it; for TRIGRAM, the string contains it.
   */
  final String check;
  /**
   * Whether finding the key and the check decides the match, so RE2J need not run: the pattern is
   * nothing but this literal (after an optional anchor). Under flag {@code i} only when the literal
   * has no 'i', the one letter whose fold class is wider than RE2's (U+0130, U+0131).
   */
  final boolean exact;

  private LiteralPlan(Route route, boolean folded, int prefixLength, long key, String check, boolean exact) {
    this.route = route;
    this.folded = folded;
    this.prefixLength = prefixLength;
    this.key = key;
    this.check = check;
    this.exact = exact;
  }

  static long trigramKey(char a, char b, char c) {
    return ((long) a << 32) | ((long) b << 16) | c;
  }

  static LiteralPlan of(RegexpPattern pattern) {
    return of(pattern.source(), pattern.caseInsensitive(), pattern.multiline());
  }

  static LiteralPlan of(String source, boolean caseInsensitive, boolean multiline) {
    Runs runs = Runs.collect(source, caseInsensitive, multiline);
    if (runs == null) {
      return ALWAYS;
    }
    if (runs.prefix != null) {
      String p = runs.prefix;
      int len = Math.min(4, p.length());
      long key = 0;
      for (int i = 0; i < len; i++) {
        key = (key << 16) | p.charAt(i);
      }
      String check = p.length() > len ? p.substring(0, Math.min(p.length(), 2 * MAX_CHECK)) : null;
      boolean exact = runs.pure && p.length() <= 2 * MAX_CHECK && exactUnderFolding(p, caseInsensitive);
      return new LiteralPlan(Route.PREFIX, caseInsensitive, len, key, check, exact);
    }
    String bestRun = null;
    int bestAt = -1;
    int bestScore = -1;
    for (String run : runs.all) {
      for (int i = 0; i + 3 <= run.length(); i++) {
        int score = rarity(run.charAt(i)) + rarity(run.charAt(i + 1)) + rarity(run.charAt(i + 2));
        if (score > bestScore) {
          bestScore = score;
          bestRun = run;
          bestAt = i;
        }
      }
    }
    if (bestRun == null) {
      return ALWAYS;
    }
    long key = trigramKey(bestRun.charAt(bestAt), bestRun.charAt(bestAt + 1), bestRun.charAt(bestAt + 2));
    String check = null;
    if (bestRun.length() > 3) {
      int from = Math.max(0, Math.min(bestAt, bestRun.length() - MAX_CHECK));
      check = bestRun.substring(from, Math.min(bestRun.length(), from + MAX_CHECK));
    }
    boolean exact = runs.pure && bestRun.length() <= MAX_CHECK && exactUnderFolding(bestRun, caseInsensitive);
    return new LiteralPlan(Route.TRIGRAM, caseInsensitive, 0, key, check, exact);
  }

  private static boolean exactUnderFolding(String literal, boolean folded) {
    return !folded || literal.indexOf('i') < 0;
  }

  /**
   * A fixed guess at how rare a character is in text, used to pick the trigram a pattern is filed
   * under (the rarer, the fewer strings probe it). Fixed rather than adaptive so that a pattern is
   * always filed in the same place, whatever else the index holds.
   */
  static int rarity(char c) {
    if (c >= 'a' && c <= 'z') {
      return LETTER_RARITY[c - 'a'];
    }
    if (c >= 'A' && c <= 'Z') {
      return LETTER_RARITY[c - 'A'] + 4;
    }
    if (c >= '0' && c <= '9') {
      return 12;
    }
    if (c == ' ') {
      return 0;
    }
    if (c < 0x80) {
      return c == '.' || c == ',' || c == '-' || c == '_' || c == '/' ? 8 : 20;
    }
    return 24;
  }

  // English letter frequency order: e t a o i n s h r d l c u m w f g y p b v k j x q z.
  private static final int[] LETTER_RARITY = new int[26];

  static {
    String byFrequency = "etaoinshrdlcumwfgypbvkjxqz";
    for (int i = 0; i < byFrequency.length(); i++) {
      LETTER_RARITY[byFrequency.charAt(i) - 'a'] = 1 + i;
    }
  }

  /** The required runs of a pattern's top-level concatenation. */
  private static final class Runs {
    final List<String> all = new ArrayList<>();
    /** The run that starts right at a leading anchor, if any. */
    String prefix;
    /** Whether the pattern is exactly one run, after an optional leading anchor. */
    boolean pure;

    private final StringBuilder run = new StringBuilder();
    private int runStart = -1;
    private int anchorEnd = -1;
    private final boolean caseInsensitive;

    private Runs(boolean caseInsensitive) {
      this.caseInsensitive = caseInsensitive;
    }

    /** Null when extraction is abandoned. */
    static Runs collect(String source, boolean caseInsensitive, boolean multiline) {
      Runs r = new Runs(caseInsensitive);
      RegexLexer lexer = new RegexLexer(source);
      int depth = 0;
      boolean collecting = true;
      boolean lastInRun = false; // whether the previous atom is the last character of the run
      boolean first = true;
      // Whether the previous top-level token pushed nothing ("(?i)", an empty "\Q\E"): a
      // repetition after it applies to whatever came before, even a repetition, as in "a+(?i)?".
      boolean transparent = false;
      boolean onlyLiterals = true; // whether every token so far went into the run (or is the anchor)
      for (RegexLexer.Kind k = lexer.next(); k != RegexLexer.Kind.END; k = lexer.next()) {
        if (lexer.confused()) {
          return null;
        }
        if (first) {
          first = false;
          if (k == RegexLexer.Kind.ASSERT && (lexer.ch() == 'A' || (lexer.ch() == '^' && !multiline))) {
            r.anchorEnd = lexer.start() + (lexer.ch() == 'A' ? 2 : 1);
            continue;
          }
        }
        if (k != RegexLexer.Kind.CHAR || !collecting || !r.literal(lexer.ch())) {
          onlyLiterals = false;
        }
        if (depth > 0) {
          if (k == RegexLexer.Kind.OPEN) {
            depth++;
          } else if (k == RegexLexer.Kind.CLOSE) {
            depth--;
          }
          continue;
        }
        boolean afterTransparent = transparent;
        transparent = false;
        switch (k) {
          case CHAR:
            if (collecting && r.literal(lexer.ch())) {
              r.append(lexer.ch(), lexer.start());
              lastInRun = true;
            } else {
              r.end();
              lastInRun = false;
            }
            break;
          case REPEAT:
            if (afterTransparent) {
              return null;
            }
            if (lastInRun && lexer.min() == 0) {
              r.run.setLength(r.run.length() - 1);
            }
            r.end();
            lastInRun = false;
            break;
          case OPEN:
            depth++;
            r.end();
            lastInRun = false;
            break;
          case FLAGS:
          case QUOTED:
            transparent = k == RegexLexer.Kind.FLAGS || lexer.length() == 0;
            collecting = false;
            r.end();
            lastInRun = false;
            break;
          case ALTERNATION:
          case CLOSE: // unbalanced: RE2 would have refused it
            return null;
          default: // ATOM, ASSERT
            r.end();
            lastInRun = false;
        }
      }
      if (lexer.confused() || depth != 0) {
        return null;
      }
      r.end();
      r.pure = onlyLiterals && r.all.size() == 1;
      return r;
    }

    private boolean literal(char c) {
      if (caseInsensitive) {
        return c >= 0x20 && c < 0x7f;
      }
      return !Character.isSurrogate(c);
    }

    private void append(char c, int at) {
      if (run.length() == 0) {
        runStart = at;
      }
      run.append(caseInsensitive ? CaseFold.fold(c) : c);
    }

    private void end() {
      if (run.length() > 0) {
        String s = run.toString();
        all.add(s);
        if (runStart == anchorEnd && prefix == null) {
          prefix = s;
        }
      }
      run.setLength(0);
      runStart = -1;
    }
  }
}
