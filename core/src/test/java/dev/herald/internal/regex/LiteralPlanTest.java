package dev.herald.internal.regex;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.herald.internal.regex.LiteralPlan.Route;
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
    StringBuilder b = new StringBuilder();
    for (int i = p.prefixLength - 1; i >= 0; i--) {
      b.append((char) (p.key >>> (16 * i)));
    }
    return b.toString();
  }

  private static String trigramOf(LiteralPlan p) {
    assertThat(p.route).isEqualTo(Route.TRIGRAM);
    return new String(new char[] {(char) (p.key >>> 32), (char) (p.key >>> 16), (char) p.key});
  }

  @Nested
  class Prefixes {
    @Test
    void anchoredLiteralGivesItsFirstFourCharacters() {
      LiteralPlan p = plan("^abcdef");
      assertThat(prefixOf(p)).isEqualTo("abcd");
      assertThat(p.check).isEqualTo("abcdef");
      assertThat(p.folded).isFalse();
    }

    @Test
    void shortPrefixNeedsNoCheck() {
      LiteralPlan p = plan("^xyz");
      assertThat(prefixOf(p)).isEqualTo("xyz");
      assertThat(p.check).isNull();
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
      assertThat(trigramOf(plan("^abc", "m"))).isEqualTo("abc");
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
      assertThat(plan("^a*bcd").route).isEqualTo(Route.TRIGRAM);
      assertThat(plan("^.abc").route).isEqualTo(Route.TRIGRAM);
      assertThat(plan("^(abc)").route).isEqualTo(Route.ALWAYS);
      assertThat(plan("^^abc").route).isEqualTo(Route.TRIGRAM);
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
  class Trigrams {
    @Test
    void unanchoredLiteralGivesATrigram() {
      LiteralPlan p = plan("hello");
      assertThat("hello").contains(trigramOf(p));
      assertThat(p.check).isEqualTo("hello");
    }

    @Test
    void prefersRareCharacters() {
      assertThat(trigramOf(plan("the quiz"))).isEqualTo("uiz");
    }

    @Test
    void runsAreSplitByNonLiterals() {
      assertThat(trigramOf(plan("ab.xyz\\d"))).isEqualTo("xyz");
      assertThat(trigramOf(plan("ab[c]xyzw"))).isIn("xyz", "yzw");
      assertThat(trigramOf(plan("(ab)xyz"))).isEqualTo("xyz");
      assertThat(trigramOf(plan("\\bxyz\\b"))).isEqualTo("xyz");
      assertThat(trigramOf(plan("\\x41xyz"))).isEqualTo("xyz");
      assertThat(trigramOf(plan("\\141xyz"))).isEqualTo("xyz");
      assertThat(trigramOf(plan("\\pLxyz"))).isEqualTo("xyz");
      assertThat(trigramOf(plan("\\p{Greek}xyz"))).isEqualTo("xyz");
    }

    @Test
    void quantifiersCutRuns() {
      assertThat(plan("abx?yz").route).isEqualTo(Route.ALWAYS);
      assertThat(trigramOf(plan("abcx?yz"))).isEqualTo("abc");
      assertThat(trigramOf(plan("ab+xyz"))).isEqualTo("xyz");
      assertThat(trigramOf(plan("abc+xy"))).isEqualTo("abc");
      assertThat(plan("abc*?de").route).isEqualTo(Route.ALWAYS);
      assertThat(trigramOf(plan("abcd+?zzz"))).isEqualTo("zzz");
    }

    @Test
    void braceThatIsNotARepetitionIsLiteral() {
      assertThat(trigramOf(plan("x{,5}"))).isIn("x{,", "{,5", ",5}");
    }

    @Test
    void foldedTrigramUnderFlagI() {
      LiteralPlan p = plan("QUIZ", "i");
      assertThat(p.folded).isTrue();
      assertThat("quiz").contains(trigramOf(p));
    }
  }

  @Nested
  class Exactness {
    @Test
    void aLoneLiteralIsExact() {
      assertThat(plan("^xyz", "i").exact).isTrue();
      assertThat(plan("\\Axyz", "m").exact).isTrue();
      assertThat(plan("^abcdefgh").exact).isTrue();
      assertThat(plan("hello world").exact).isTrue();
      assertThat(plan("a\\.b").exact).isTrue();
      assertThat(plan("\u00e9t\u00e9").exact).isTrue();
    }

    @Test
    void anythingElseIsNot() {
      assertThat(plan("^xyz$").exact).isFalse();
      assertThat(plan("^xyz.").exact).isFalse();
      assertThat(plan("^xyz+").exact).isFalse();
      assertThat(plan("xyz?").exact).isFalse();
      assertThat(plan("^xyz", "m").exact).isFalse();
      assertThat(plan("xyz(a)").exact).isFalse();
      assertThat(plan("xyz\\Qa\\E").exact).isFalse();
      assertThat(plan("xyz(?i)").exact).isFalse();
      assertThat(plan("x\u00e9yz", "i").exact).isFalse();
      assertThat(plan("x" + "y".repeat(40)).exact).isFalse(); // longer than the check
    }

    @Test
    void foldedLetterIIsNeverExact() {
      assertThat(plan("^bike", "i").exact).isFalse();
      assertThat(plan("^bike").exact).isTrue();
      assertThat(plan("^BOKE", "i").exact).isTrue();
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
      assertThat(trigramOf(plan("(a|b)xyz"))).isEqualTo("xyz");
      assertThat(trigramOf(plan("[|]xyz"))).isEqualTo("xyz");
      assertThat(trigramOf(plan("\\|xyz"))).isIn("|xy", "xyz");
    }

    @Test
    void flagsGroupStopsCollection() {
      assertThat(plan("(?i)abc").route).isEqualTo(Route.ALWAYS);
      assertThat(trigramOf(plan("xyz(?i)abc"))).isEqualTo("xyz");
      assertThat(trigramOf(plan("(?i:abc)xyz"))).isEqualTo("xyz");
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
      assertThat(trigramOf(plan("xyz\\Q|(\\E"))).isEqualTo("xyz");
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
    }
  }
}
