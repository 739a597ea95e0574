package dev.herald.internal.regex;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.herald.internal.regex.LiteralPlan.Decision;
import dev.herald.internal.regex.LiteralPlan.Route;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LiteralPlanTest {
  private static LiteralPlan plan(String source, String flags) {
    return LiteralPlan.of(RegexpPattern.compile(source, flags, 4096));
  }

  private static RegexpPattern re(String source) {
    return RegexpPattern.compile(source, null, 4096);
  }

  private static LiteralPlan plan(String source) {
    return plan(source, null);
  }

  private static String prefixOf(LiteralPlan p) {
    assertThat(p.route).isEqualTo(Route.PREFIX);
    return p.prefix;
  }

  private static List<String> runsOf(LiteralPlan p) {
    assertThat(p.route).isEqualTo(Route.SUBSTRING);
    return p.runs;
  }

  @Nested
  class Prefixes {
    @Test
    void anchoredLiteralGivesItsWholePrefix() {
      LiteralPlan p = plan("^abcdef\\d");
      assertThat(prefixOf(p)).isEqualTo("abcdef");
      assertThat(p.folded).isFalse();
      String longer = "x".repeat(100);
      assertThat(prefixOf(plan("^" + longer + "\\d"))).isEqualTo(longer);
      assertThat(prefixOf(plan("^x.*"))).isEqualTo("x");
    }

    @Test
    void flagIFoldsThePrefix() {
      LiteralPlan p = plan("^XyZ", "i");
      assertThat(prefixOf(p)).isEqualTo("xyz");
      assertThat(p.folded).isTrue();
    }

    @Test
    void flagMTurnsCaretIntoALineAnchor() {
      assertThat(runsOf(plan("^abc", "m"))).containsExactly("abc");
      assertThat(plan("^ab", "m").route).isEqualTo(Route.ALWAYS);
    }

    @Test
    void backslashAIsAnAnchorEvenWithFlagM() {
      assertThat(prefixOf(plan("\\Aabc", "m"))).isEqualTo("abc");
    }

    @Test
    void optionalCharacterShortensThePrefix() {
      assertThat(prefixOf(plan("^abc?d"))).isEqualTo("ab");
      assertThat(prefixOf(plan("^ab*"))).isEqualTo("a");
      assertThat(prefixOf(plan("^abc{0,3}"))).isEqualTo("ab");
      assertThat(prefixOf(plan("^abc+d"))).isEqualTo("abc");
      assertThat(prefixOf(plan("^abc{2}d"))).isEqualTo("abc");
    }

    @Test
    void noPrefixWhenTheFirstCharacterIsNotLiteral() {
      assertThat(runsOf(plan("^a*bcd"))).containsExactly("bcd");
      assertThat(runsOf(plan("^.abc"))).containsExactly("abc");
      assertThat(plan("^(abc)").route).isEqualTo(Route.ALWAYS);
      assertThat(runsOf(plan("^^abc"))).containsExactly("abc");
    }

    @Test
    void escapedPunctuationIsLiteral() {
      assertThat(prefixOf(plan("^\\.com"))).isEqualTo(".com");
      assertThat(prefixOf(plan("^a\\+b"))).isEqualTo("a+b");
    }

    @Test
    void nonAsciiEndsAFoldedPrefixButNotAnExactOne() {
      assertThat(prefixOf(plan("^\u00e9t\u00e9"))).isEqualTo("\u00e9t\u00e9");
      assertThat(plan("^\u00e9t\u00e9", "i").route).isEqualTo(Route.ALWAYS);
      assertThat(prefixOf(plan("^ab\u00e9", "i"))).isEqualTo("ab");
    }

    @Test
    void surrogatesAreNeverLiteral() {
      assertThat(prefixOf(plan("^a\uD83D\uDE00bcd"))).isEqualTo("a");
    }
  }

  @Nested
  class Substrings {
    @Test
    void unanchoredLiteralGivesItsRun() {
      LiteralPlan p = plan("hello");
      assertThat(runsOf(p)).containsExactly("hello");
    }

    @Test
    void runsAreSplitByNonLiteralsAndShortOnesDropped() {
      assertThat(runsOf(plan("ab.xyz\\d"))).containsExactly("xyz");
      assertThat(runsOf(plan("ab[c]xyzw"))).containsExactly("xyzw");
      assertThat(runsOf(plan("(ab)xyz"))).containsExactly("xyz");
      assertThat(runsOf(plan("\\bxyz\\b"))).containsExactly("xyz");
      assertThat(runsOf(plan("\\x41xyz"))).containsExactly("xyz");
      assertThat(runsOf(plan("\\141xyz"))).containsExactly("xyz");
      assertThat(runsOf(plan("\\pLxyz"))).containsExactly("xyz");
      assertThat(runsOf(plan("\\p{Greek}xyz"))).containsExactly("xyz");
      assertThat(runsOf(plan("abc\\dlonger-run\\d"))).containsExactly("abc", "longer-run");
    }

    @Test
    void quantifiersCutRuns() {
      assertThat(plan("abx?yz").route).isEqualTo(Route.ALWAYS);
      assertThat(runsOf(plan("abcx?yz"))).containsExactly("abc");
      assertThat(runsOf(plan("ab+xyz"))).containsExactly("xyz");
      assertThat(runsOf(plan("abc+xy"))).containsExactly("abc");
      assertThat(plan("abc*?de").route).isEqualTo(Route.ALWAYS);
      assertThat(runsOf(plan("abcd+?zzz"))).containsExactly("abcd", "zzz");
    }

    @Test
    void braceThatIsNotARepetitionIsLiteral() {
      assertThat(runsOf(plan("x{,5}"))).containsExactly("x{,5}");
    }

    @Test
    void foldedRunsUnderFlagI() {
      LiteralPlan p = plan("QUIZ\\d", "i");
      assertThat(p.folded).isTrue();
      assertThat(runsOf(p)).containsExactly("quiz");
    }
  }

  @Nested
  class Decisions {
    private void decided(String source, String flags, Decision decision, String literal) {
      LiteralPlan p = plan(source, flags);
      assertThat(p.decision).as("decision of /%s/%s", source, flags).isEqualTo(decision);
      assertThat(p.literal).as("literal of /%s/%s", source, flags).isEqualTo(literal);
    }

    private void undecided(String source, String flags) {
      assertThat(plan(source, flags).decision).as("decision of /%s/%s", source, flags).isNull();
    }

    @Test
    void aLoneLiteralIsDecided() {
      decided("^xyz", "i", Decision.STARTS_WITH, "xyz");
      decided("\\Axyz", "m", Decision.STARTS_WITH, "xyz");
      decided("^abcdefgh", null, Decision.STARTS_WITH, "abcdefgh");
      decided("hello world", null, Decision.CONTAINS, "hello world");
      decided("a\\.b", null, Decision.CONTAINS, "a.b");
      decided("\u00e9t\u00e9", null, Decision.CONTAINS, "\u00e9t\u00e9");
      decided("^BIKE", "i", Decision.STARTS_WITH, "bike"); // 'i' too: compared as RE2 does
    }

    @Test
    void anchorsAtTheEnd() {
      decided("xyz$", null, Decision.ENDS_WITH, "xyz");
      decided("xyz\\z", "m", Decision.ENDS_WITH, "xyz");
      decided("^xyz$", null, Decision.EQUALS, "xyz");
      decided("^XyZ$", "i", Decision.EQUALS, "xyz");
      decided("^$", null, Decision.EQUALS, "");
      undecided("xyz$", "m"); // end of a line
      undecided("^xyz", "m");
    }

    @Test
    void elementsThatMayMatchEmptyAreIgnored() {
      decided("^prefix.*", null, Decision.STARTS_WITH, "prefix");
      decided("^prefix.*", "s", Decision.STARTS_WITH, "prefix");
      decided("^n1-(q7)?", null, Decision.STARTS_WITH, "n1-");
      decided(".*abc[0-9]*", null, Decision.CONTAINS, "abc");
      decided("(x|y)?abc(?:de)*", null, Decision.CONTAINS, "abc");
      decided("a?bc$", null, Decision.ENDS_WITH, "bc");
      decided("^abc?", null, Decision.STARTS_WITH, "ab");
      decided("abc{0,3}d{0}", null, Decision.CONTAINS, "ab");
      decided("^abc+", null, Decision.STARTS_WITH, "abc");
      decided("^abc{1,4}?", null, Decision.STARTS_WITH, "abc");
      decided(".*", null, Decision.CONTAINS, "");
      decided("", null, Decision.CONTAINS, "");
      decided("^(a)?", null, Decision.CONTAINS, "");
      decided("\\b?x+", null, Decision.CONTAINS, "x");
    }

    @Test
    void anythingElseIsNot() {
      undecided("^xyz.", null);
      undecided("^.*xyz", null); // something between the anchor and the literal
      undecided("xyz.*$", null);
      undecided("^xyz+$", null);
      undecided("ab+c", null);
      undecided("^abc{2}", null);
      undecided("xyz(a)", null);
      undecided("xyz\\Qa\\E", null);
      undecided("xyz(?i)", null);
      undecided("(?s)xyz", null);
      undecided("x\u00e9yz", "i");
      undecided("a\uD83D\uDE00", null);
      undecided("\\bxyz", null);
      undecided("^xyz|abc", null);
      undecided("^(xyz)", null);
      decided("x" + "y".repeat(40), null, Decision.CONTAINS, "x" + "y".repeat(40));
      decided("^x" + "y".repeat(40), null, Decision.STARTS_WITH, "x" + "y".repeat(40));
    }

    @Test
    void repetitionWithLeadingZerosIsText() {
      // RE2 reads "{00}" as four literal characters, not as a repetition.
      assertThat(re("abc{00}").matches("xxabc{00}")).isTrue();
      assertThat(re("abc{00}").matches("ab")).isFalse();
      undecided("abc{00}", null);
      undecided("abc{1,02}", null);
      decided("abc{0}", null, Decision.CONTAINS, "ab");
    }

    @Test
    void decisionsAgreeWithRe2j() {
      String[] patterns = {
        "^xyz", "^bike", "^BIKE", "kit$", "^kiss$", "^stop.*", "sky(line)?", "^abc+", "^ab?", "^$", "x$", ".*", "^KEY",
        "\\Ak\\z", "(?:a)*ik", "^a.*", "i$"
      };
      String[] strings = {
        "", "xyz", "XYZ", "bike", "B\u0130KE", "B\u0131ke", "BIKE", "kit", "\u212Ait", "\u212AI\u017F\u017F", "KISS",
        "kiss\n", "stop\nthere", "\u017Ftop", "SKY", "abcc", "a", "\n", "x\n", "k", "\u212A", "ab\uD83D\uDE00",
        "\u0130", "I", "xx ik", "a\n", "key\uDE00"
      };
      for (String source : patterns) {
        for (String flags : new String[] {null, "i", "s", "is"}) {
          RegexpPattern p = RegexpPattern.compile(source, flags, 4096);
          LiteralPlan plan = LiteralPlan.of(p);
          assertThat(plan.decision).as("decision of %s", p).isNotNull();
          for (String s : strings) {
            assertThat(plan.decide(s)).as("%s on %s", p, s).isEqualTo(p.matches(s));
          }
        }
      }
    }
  }

  @Nested
  class GivingUp {
    @Test
    void topLevelAlternation() {
      assertThat(plan("^abc|xyz").route).isEqualTo(Route.ALWAYS);
      assertThat(plan("abcd|").route).isEqualTo(Route.ALWAYS);
    }

    @Test
    void alternationInsideAGroupIsFine() {
      assertThat(prefixOf(plan("^abc(d|e)"))).isEqualTo("abc");
      assertThat(runsOf(plan("(a|b)xyz"))).containsExactly("xyz");
      assertThat(runsOf(plan("[|]xyz"))).containsExactly("xyz");
      assertThat(runsOf(plan("\\|xyz"))).containsExactly("|xyz");
    }

    @Test
    void flagsGroupStopsCollection() {
      assertThat(plan("(?i)abc").route).isEqualTo(Route.ALWAYS);
      assertThat(runsOf(plan("xyz(?i)abc"))).containsExactly("xyz");
      assertThat(runsOf(plan("(?i:abc)xyz"))).containsExactly("xyz");
    }

    @Test
    void repetitionAfterAnEmptyConstructAbandonsExtraction() {
      // Found by the randomized test: RE2 reads "a(?i)?" as an optional 'a', and "a+(?i)?" as an
      // optional "a+", because "(?i)" pushes nothing.
      assertThat(re("^xa(?i)?y").matches("xy")).isTrue();
      assertThat(plan("^xa(?i)?y").route).isEqualTo(Route.ALWAYS);
      assertThat(re("xyz+(?i)?").matches("xy")).isTrue();
      assertThat(plan("xyz+(?i)?").route).isEqualTo(Route.ALWAYS);
      assertThat(re("^xa\\Q\\E*y").matches("xy")).isTrue();
      assertThat(plan("^xa\\Q\\E*y").route).isEqualTo(Route.ALWAYS);
      assertThat(prefixOf(plan("^xa\\Qb\\E*y"))).isEqualTo("xa");
    }

    @Test
    void quotedTextStopsCollection() {
      assertThat(plan("\\Qabc\\E").route).isEqualTo(Route.ALWAYS);
      assertThat(runsOf(plan("xyz\\Q|(\\E"))).containsExactly("xyz");
    }

    @Test
    void nothingLiteral() {
      assertThat(plan("").route).isEqualTo(Route.ALWAYS);
      assertThat(plan("ab").route).isEqualTo(Route.ALWAYS);
      assertThat(plan("[a-z]+\\d").route).isEqualTo(Route.ALWAYS);
    }
  }

  @Nested
  class Folding {
    /**
     * Every character RE2J's {@code (?i)} equates with a printable ASCII character folds to the
     * same value as that character: what makes folded keys sound. Checked against RE2J over all
     * of the BMP and a sample of astral code points.
     */
    @Test
    void foldAgreesWithRe2jOnPrintableAscii() {
      StringBuilder all = new StringBuilder();
      for (int cp = 0; cp < 0x30000; cp++) {
        if (cp < 0x10000 && Character.isSurrogate((char) cp)) {
          continue;
        }
        if (cp >= 0x10000 && cp % 7 != 0) {
          continue;
        }
        all.appendCodePoint(cp);
      }
      String text = all.toString();
      for (char c = 0x20; c < 0x7f; c++) {
        Matcher m = Pattern.compile(Pattern.quote(String.valueOf(c)), Pattern.CASE_INSENSITIVE).matcher(text);
        java.util.Set<Character> re2Class = new java.util.TreeSet<>();
        while (m.find()) {
          String hit = m.group();
          assertThat(hit).as("match of %s", c).hasSize(1);
          assertThat(CaseFold.fold(hit.charAt(0))).as("fold of U+%04X vs %s", (int) hit.charAt(0), c)
              .isEqualTo(CaseFold.fold(c));
          re2Class.add(hit.charAt(0));
        }
        // The converse makes lone literals exact: the fold class is RE2's, except for 'i'.
        java.util.Set<Character> foldClass = new java.util.TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
          if (CaseFold.fold(text.charAt(i)) == CaseFold.fold(c)) {
            foldClass.add(text.charAt(i));
          }
        }
        if (CaseFold.fold(c) == 'i') {
          assertThat(foldClass).containsExactlyInAnyOrder('i', 'I', '\u0130', '\u0131');
          assertThat(re2Class).containsExactlyInAnyOrder('i', 'I');
        } else {
          assertThat(foldClass).as("fold class of %s", c).isEqualTo(re2Class);
        }
      }
    }

    @Test
    void foldedSearch() {
      assertThat(CaseFold.contains("xxQUiZyy", "quiz", true)).isTrue();
      assertThat(CaseFold.contains("xxQUiZyy", "quiz", false)).isFalse();
      assertThat(CaseFold.contains("qui", "quiz", true)).isFalse();
      assertThat(CaseFold.startsWith("\u017Ftop", "stop", true)).isTrue();
      assertThat(CaseFold.startsWith("\u212Aey", "key", true)).isTrue();
      assertThat(CaseFold.startsWith("ke", "key", true)).isFalse();
      // U+0130 and U+0131 fold to 'i' for keys, but compare as RE2 does: unequal to 'i'.
      assertThat(CaseFold.fold('\u0130')).isEqualTo('i');
      assertThat(CaseFold.startsWith("\u0130x", "ix", true)).isFalse();
      assertThat(CaseFold.contains("a\u0131x", "ix", true)).isFalse();
      assertThat(CaseFold.endsWith("aIX", "ix", true)).isTrue();
      assertThat(CaseFold.endsWith("x", "ix", true)).isFalse();
    }
  }
}
