package dev.herald.internal.regex;

import java.util.ArrayList;
import java.util.List;

/**
 * What the literals of a pattern tell {@link RegexpIndex}: where the pattern can be filed (under an
 * anchored literal prefix, under a substring of a literal every match contains, or in the always-run
 * list), and whether literals alone decide a match. Built by {@link #of}, which reads the pattern's
 * top-level concatenation and collects the runs of characters every match must contain
 * consecutively.
 *
 * <p>Soundness is the one requirement of the filing: whenever the pattern matches a string, that
 * string starts with {@link #prefix} (route PREFIX) or contains every one of {@link #runs} (route
 * SUBSTRING). Anything the extractor is not sure about ends the current run or abandons extraction:
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
 *
 * <p>A {@link #decision} must be exactly equivalent to the pattern under RE2's semantics. It is
 * made only for the shape {@code [start] N* L N* [end]}: {@code L} one literal run, each {@code N} an
 * element that can match the empty string (an atom, group or character repeated with minimum 0,
 * such as {@code .*} or {@code (-x)?}), {@code start} {@code \A} or {@code ^} without flag
 * {@code m}, {@code end} {@code \z} or {@code $} without flag {@code m} (RE2's {@code $} is then the
 * end of the text, never before a final newline), with no {@code N} between an anchor and {@code L}.
 * The last character of {@code L} may be repeated with minimum 1 ({@code abc+} is {@code abc}
 * followed by {@code c*}) when there is no end anchor. Since every {@code N} may match empty, such a
 * pattern matches exactly where {@code L} occurs in the anchored position: the literal alone
 * decides, whatever {@code .} or the flags would make of the {@code N}s. Flags groups, quoted text
 * and repetitions written with leading zeros (which RE2 reads as literal text) are not decided.
 * A decision costs at most what RE2J would (a search for a literal of m characters in a string of n
 * is O(n m) at worst, RE2J's program for it has m instructions), so long literals are decided too.
 * Immutable.
 */
final class LiteralPlan {
  enum Route { PREFIX, SUBSTRING, ALWAYS }

  /** How the literal decides a match when {@link #decision} is set. */
  enum Decision { STARTS_WITH, ENDS_WITH, EQUALS, CONTAINS }

  static final LiteralPlan ALWAYS = new LiteralPlan(Route.ALWAYS, false, null, List.of(), null, null);

  final Route route;
  /** Whether the prefix, runs and literal are case-folded (flag {@code i}). */
  final boolean folded;
  /** For PREFIX: the literal every match starts with, whole. */
  final String prefix;
  /** For SUBSTRING: the literals of at least 3 characters every match contains, whole. */
  final List<String> runs;
  /** How {@link #literal} alone decides a match, or null when RE2J must run. */
  final Decision decision;
  /** The literal of the decision (may be empty), or null. */
  final String literal;

  private LiteralPlan(Route route, boolean folded, String prefix, List<String> runs, Decision decision,
      String literal) {
    this.route = route;
    this.folded = folded;
    this.prefix = prefix;
    this.runs = runs;
    this.decision = decision;
    this.literal = literal;
  }

  static LiteralPlan of(RegexpPattern pattern) {
    return of(pattern.source(), pattern.caseInsensitive(), pattern.multiline());
  }

  static LiteralPlan of(String source, boolean caseInsensitive, boolean multiline) {
    Decided decided = Decided.of(source, caseInsensitive, multiline);
    Decision decision = decided == null ? null : decided.decision;
    String literal = decided == null ? null : decided.literal;
    Runs runs = Runs.collect(source, caseInsensitive, multiline);
    if (runs != null && runs.prefix != null) {
      return new LiteralPlan(Route.PREFIX, caseInsensitive, runs.prefix, List.of(), decision, literal);
    }
    List<String> long3 = new ArrayList<>();
    if (runs != null) {
      for (String run : runs.all) {
        if (run.length() >= 3) {
          long3.add(run);
        }
      }
    }
    if (!long3.isEmpty()) {
      return new LiteralPlan(Route.SUBSTRING, caseInsensitive, null, List.copyOf(long3), decision, literal);
    }
    if (decision != null) {
      return new LiteralPlan(Route.ALWAYS, caseInsensitive, null, List.of(), decision, literal);
    }
    return ALWAYS;
  }

  /** Whether the pattern matches {@code value}; only when {@link #decision} is set. */
  boolean decide(String value) {
    switch (decision) {
      case STARTS_WITH:
        return CaseFold.startsWith(value, literal, folded);
      case ENDS_WITH:
        return CaseFold.endsWith(value, literal, folded);
      case EQUALS:
        return value.length() == literal.length() && CaseFold.startsWith(value, literal, folded);
      default:
        return CaseFold.contains(value, literal, folded);
    }
  }

  /**
   * A fixed guess at how rare a character is in text, used to choose among substrings a pattern
   * could be filed under when they are equally used (the rarer, the fewer strings probe it).
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

  /** The decision of a pattern of the shape described in the class comment. */
  private static final class Decided {
    final Decision decision;
    final String literal;

    private Decided(Decision decision, String literal) {
      this.decision = decision;
      this.literal = literal;
    }

    /** A top-level element: a token (a group counted whole) and the repetitions applied to it. */
    private static final class Element {
      final RegexLexer.Kind kind;
      final char ch;
      int repeats;
      int firstMin;
      boolean optional; // some repetition has minimum 0: the element can match empty

      Element(RegexLexer.Kind kind, char ch) {
        this.kind = kind;
        this.ch = ch;
      }
    }

    /** Null unless the pattern has the decidable shape. */
    static Decided of(String source, boolean caseInsensitive, boolean multiline) {
      List<Element> elements = new ArrayList<>();
      RegexLexer lexer = new RegexLexer(source);
      int depth = 0;
      for (RegexLexer.Kind k = lexer.next(); k != RegexLexer.Kind.END; k = lexer.next()) {
        if (lexer.confused()) {
          return null;
        }
        if (depth > 0) {
          if (k == RegexLexer.Kind.OPEN) {
            depth++;
          } else if (k == RegexLexer.Kind.CLOSE) {
            depth--;
          }
          continue;
        }
        switch (k) {
          case OPEN:
            depth++;
            elements.add(new Element(k, '\0'));
            break;
          case REPEAT: {
            if (elements.isEmpty() || leadingZero(source, lexer.start())) {
              return null;
            }
            Element e = elements.get(elements.size() - 1);
            if (e.repeats++ == 0) {
              e.firstMin = lexer.min();
            }
            e.optional |= lexer.min() == 0;
            break;
          }
          case CHAR:
          case ASSERT:
            elements.add(new Element(k, lexer.ch()));
            break;
          case ATOM:
            elements.add(new Element(k, '\0'));
            break;
          default: // ALTERNATION, CLOSE (unbalanced), FLAGS, QUOTED
            return null;
        }
      }
      if (lexer.confused() || depth != 0) {
        return null;
      }
      int from = 0;
      int to = elements.size();
      boolean start = from < to && isAnchor(elements.get(from), multiline, 'A', '^');
      if (start) {
        from++;
      }
      boolean end = from < to && isAnchor(elements.get(to - 1), multiline, 'z', '$');
      if (end) {
        to--;
      }
      int literalStart = from;
      while (literalStart < to && elements.get(literalStart).optional) {
        literalStart++;
      }
      StringBuilder literal = new StringBuilder();
      int literalEnd = literalStart;
      for (; literalEnd < to; literalEnd++) {
        Element e = elements.get(literalEnd);
        boolean once = e.repeats == 0;
        boolean oneOrMore = !end && e.repeats == 1 && e.firstMin == 1; // the last character only
        if (!isLiteral(e, caseInsensitive) || !(once || oneOrMore)) {
          break;
        }
        literal.append(caseInsensitive ? CaseFold.fold(e.ch) : e.ch);
        if (oneOrMore) {
          literalEnd++;
          break;
        }
      }
      int rest = literalEnd;
      while (rest < to && elements.get(rest).optional) {
        rest++;
      }
      if (rest != to) {
        return null;
      }
      boolean optionalElements = to > from;
      if (literal.length() == 0) {
        if (start && end) {
          return optionalElements ? null : new Decided(Decision.EQUALS, "");
        }
        return new Decided(Decision.CONTAINS, "");
      }
      if ((start && literalStart > from) || (end && literalEnd < to)) {
        return null;
      }
      Decision d = start ? (end ? Decision.EQUALS : Decision.STARTS_WITH) : (end ? Decision.ENDS_WITH : Decision.CONTAINS);
      return new Decided(d, literal.toString());
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isAnchor(Element e, boolean multiline, char always, char unlessMultiline) {
      return e.kind == RegexLexer.Kind.ASSERT && e.repeats == 0
          && (e.ch == always || (e.ch == unlessMultiline && !multiline));
    }

    private static boolean isLiteral(Element e, boolean caseInsensitive) {
      if (e.kind != RegexLexer.Kind.CHAR) {
        return false;
      }
      return caseInsensitive ? e.ch >= 0x20 && e.ch < 0x7f : !Character.isSurrogate(e.ch);
    }

    /** Whether the brace repetition at {@code at} has a number with a leading zero: RE2 reads it as text. */
    private static boolean leadingZero(String source, int at) {
      if (source.charAt(at) != '{') {
        return false;
      }
      for (int i = at + 1; i + 1 < source.length() && source.charAt(i) != '}'; i++) {
        char previous = source.charAt(i - 1);
        if (source.charAt(i) == '0' && (previous == '{' || previous == ',') && isDigit(source.charAt(i + 1))) {
          return true;
        }
      }
      return false;
    }
  }

  /** The required runs of a pattern's top-level concatenation. */
  private static final class Runs {
    final List<String> all = new ArrayList<>();
    /** The run that starts right at a leading anchor, if any. */
    String prefix;

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
