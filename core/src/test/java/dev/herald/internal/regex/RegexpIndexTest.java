package dev.herald.internal.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RegexpIndexTest {
  private static RegexpPattern re(String source) {
    return RegexpPattern.compile(source, null, 4096);
  }

  private static RegexpPattern re(String source, String flags) {
    return RegexpPattern.compile(source, flags, 4096);
  }

  private static <T> List<T> query(RegexpIndex<T> index, String value) {
    List<T> hits = new ArrayList<>();
    index.query(value, hits::add);
    return hits;
  }

  /** An index that counts how often each pattern is run. */
  private static final class Counted {
    final Map<RegexpPattern, Integer> runs = new HashMap<>();
    final RegexpIndex<String> index = new RegexpIndex<>((p, s) -> {
      runs.merge(p, 1, Integer::sum);
      return p.matches(s);
    });

    List<String> query(String value) {
      runs.clear();
      return RegexpIndexTest.query(index, value);
    }

    int totalRuns() {
      return runs.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** The corpus "regexp" cases, each pattern alone in an index, on the string documents. */
  @Nested
  class Corpus {
    private boolean matches(String source, String flags, String value) {
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("f", re(source, flags));
      return query(index, value).equals(List.of("f"));
    }

    @Test
    void stringFormIsCaseSensitive() {
      assertThat(matches("^ab", null, "abc")).isTrue();
      assertThat(matches("^ab", null, "ABC")).isFalse();
      assertThat(matches("^ab", null, "xab")).isFalse();
    }

    @Test
    void objectFormWithFlags() {
      assertThat(matches("^ab", "i", "ABC")).isTrue();
      assertThat(matches("^ab", "", "abc")).isTrue();
      assertThat(matches("^b$", "m", "a\nb")).isTrue();
      assertThat(matches("a.b", "s", "a\nb")).isTrue();
      assertThat(matches("a", "x", "a")).isTrue();
    }

    @Test
    void flagGIsStateless() {
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("f", re("b", "g"));
      for (int i = 0; i < 3; i++) {
        assertThat(query(index, "abc")).containsExactly("f");
      }
    }

    @Test
    void dotMatchesAnAstralCharacter() {
      assertThat(matches("^.$", null, "\uD83D\uDE00")).isTrue();
    }

    @Test
    void emptyPatternMatchesEveryString() {
      assertThat(matches("", null, "")).isTrue();
      assertThat(matches("", null, "x")).isTrue();
    }

    @Test
    void notRegexpCases() {
      assertThat(matches("^1", null, "123")).isTrue();
      assertThat(matches("^1", null, "abc")).isFalse();
      assertThat(matches("^n", null, "abc")).isFalse();
    }
  }

  @Nested
  class Basics {
    @Test
    void emptyIndex() {
      RegexpIndex<String> index = new RegexpIndex<>();
      assertThat(index.isEmpty()).isTrue();
      assertThat(query(index, "anything")).isEmpty();
      assertThat(query(index, null)).isEmpty();
    }

    @Test
    void reportsEachMatchingItemOfEveryRoute() {
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("prefix", re("^hel+o"));
      index.add("foldedPrefix", re("^HELLO", "i"));
      index.add("trigram", re("world$"));
      index.add("foldedTrigram", re("w[aeiou]RLD", "i"));
      index.add("always", re("\\d"));
      index.add("other", re("^bye"));
      assertThat(index.isEmpty()).isFalse();
      assertThat(query(index, "hello world"))
          .containsExactlyInAnyOrder("prefix", "foldedPrefix", "trigram", "foldedTrigram");
      assertThat(query(index, "Hello World 2")).containsExactlyInAnyOrder("foldedPrefix", "foldedTrigram", "always");
      assertThat(query(index, "")).isEmpty();
      assertThat(query(index, "h")).isEmpty();
    }

    @Test
    void shortStringsAgainstLongPrefixes() {
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("a", re("^a"));
      index.add("ab", re("^ab"));
      index.add("abc", re("^abc"));
      index.add("abcd", re("^abcd"));
      index.add("abcde", re("^abcde"));
      assertThat(query(index, "a")).containsExactly("a");
      assertThat(query(index, "abc")).containsExactlyInAnyOrder("a", "ab", "abc");
      assertThat(query(index, "abcdx")).containsExactlyInAnyOrder("a", "ab", "abc", "abcd");
      assertThat(query(index, "abcdef")).containsExactlyInAnyOrder("a", "ab", "abc", "abcd", "abcde");
    }

    @Test
    void foldedKeysMatchUnicodeCaseVariants() {
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("key", re("^key", "i"));
      index.add("stop", re("stop", "i"));
      assertThat(query(index, "\u212AEY")).containsExactly("key"); // Kelvin sign
      assertThat(query(index, "a \u017FTOP")).containsExactly("stop"); // long s
    }

    @Test
    void astralCharactersAroundLiterals() {
      String grin = "\uD83D\uDE00";
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("grinAbc", re(grin + "abc"));
      index.add("startGrin", re("^" + grin + "x"));
      index.add("dotAbc", re("^.abc"));
      assertThat(query(index, "z" + grin + "abc")).containsExactly("grinAbc");
      assertThat(query(index, grin + "abc")).containsExactlyInAnyOrder("grinAbc", "dotAbc");
      assertThat(query(index, grin + "x")).containsExactly("startGrin");
    }
  }

  @Nested
  class Dedupe {
    @Test
    void equalPatternsShareOneEntryRunOncePerQuery() {
      Counted c = new Counted();
      c.index.add("a", re("ab+c", "i"));
      c.index.add("b", re("ab+c", "ig")); // same effective flags
      c.index.add("c", re("ab+c", "i"));
      assertThat(c.index.patternCount()).isEqualTo(1);
      assertThat(c.query("xxABCxxabbcxxAbC")).containsExactlyInAnyOrder("a", "b", "c");
      assertThat(c.runs).containsExactly(Map.entry(re("ab+c", "i"), 1));
    }

    @Test
    void sameItemTwiceUnderOnePatternIsKeptOnce() {
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("a", re("^x"));
      index.add("a", re("^x"));
      assertThat(query(index, "xy")).containsExactly("a");
      index.remove("a", re("^x"));
      assertThat(query(index, "xy")).isEmpty();
      assertThat(index.isEmpty()).isTrue();
    }

    @Test
    void sameItemUnderTwoPatternsIsReportedForEach() {
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("a", re("^x"));
      index.add("a", re("y$"));
      assertThat(query(index, "xy")).containsExactly("a", "a");
    }

    @Test
    void repeatedTrigramRunsItsPatternsOnce() {
      Counted c = new Counted();
      c.index.add("a", re("abc+"));
      c.index.add("b", re("bcd$"));
      assertThat(c.query("abcabcabcabcd")).containsExactlyInAnyOrder("a", "b");
      assertThat(c.runs.values()).containsOnly(1);
    }
  }

  @Nested
  class Prefilter {
    @Test
    void onlyCandidatesAreRun() {
      Counted c = new Counted();
      for (int i = 0; i < 1000; i++) {
        String word = Integer.toString(i * 7919 + 100_000, 36); // distinct 4-letter words
        c.index.add("p" + i, re("^" + word + "\\b", "i"));
        c.index.add("t" + i, re("x" + word + "y\\b"));
      }
      String first = Integer.toString(100_000, 36);
      assertThat(c.query(first.toUpperCase() + "!")).containsExactly("p0");
      assertThat(c.totalRuns()).isEqualTo(1);
      assertThat(c.query("--x" + first + "y--")).containsExactly("t0");
      assertThat(c.totalRuns()).isLessThanOrEqualTo(3);
      assertThat(c.query("nothing of the sort")).isEmpty();
      assertThat(c.totalRuns()).isLessThanOrEqualTo(2);
    }

    @Test
    void plainLiteralsAreDecidedWithoutRe2j() {
      Counted c = new Counted();
      c.index.add("xyz", re("^xyz", "i"));
      c.index.add("hello", re("hello"));
      c.index.add("long", re("^abcdefg"));
      c.index.add("quiz", re("QUOZ", "i"));
      c.index.add("grin", re("ab\uD83D\uDE00"));
      assertThat(c.query("XyZ hello")).containsExactly("xyz", "hello");
      assertThat(c.query("abcdefg quoz")).containsExactlyInAnyOrder("long", "quiz");
      assertThat(c.query("abcdef QUOX hell")).isEmpty();
      assertThat(c.query("ab\uD83D\uDE00")).containsExactly("grin");
      assertThat(c.runs.keySet()).containsExactly(re("ab\uD83D\uDE00"));
    }

    @Test
    void letterIUnderFlagIStillRunsRe2j() {
      // U+0130 and U+0131 fold to 'i' but RE2 does not equate them with it.
      Counted c = new Counted();
      c.index.add("bike", re("^bike", "i"));
      assertThat(c.query("B\u0130KE")).isEmpty();
      assertThat(c.query("BIKE")).containsExactly("bike");
      assertThat(c.totalRuns()).isEqualTo(1);
    }

    @Test
    void alwaysRunPatternsRunEveryTime() {
      Counted c = new Counted();
      c.index.add("digit", re("\\d"));
      c.index.add("alt", re("ab|cd"));
      assertThat(c.query("zz")).isEmpty();
      assertThat(c.totalRuns()).isEqualTo(2);
    }

    @Test
    void literalCheckAvoidsRe2j() {
      Counted c = new Counted();
      c.index.add("long", re("^abcdefgh.*z"));
      c.index.add("inside", re("xyzuvw\\d"));
      assertThat(c.query("abcdXXXX")).isEmpty();
      assertThat(c.query("--xyzuvX--")).isEmpty();
      assertThat(c.totalRuns()).isZero();
    }
  }

  @Nested
  class Removal {
    @Test
    void removingItemsAndPatterns() {
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("a", re("^foo"));
      index.add("b", re("^foo"));
      index.add("c", re("bar"));
      index.add("d", re("."));
      index.remove("a", re("^foo"));
      assertThat(query(index, "foobar")).containsExactlyInAnyOrder("b", "c", "d");
      index.remove("b", re("^foo"));
      index.remove("c", re("bar"));
      assertThat(query(index, "foobar")).containsExactly("d");
      index.remove("d", re("."));
      assertThat(query(index, "foobar")).isEmpty();
      assertThat(index.isEmpty()).isTrue();
    }

    @Test
    void removingUnknownThingsIsANoOp() {
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("a", re("^foo"));
      index.remove("zz", re("^foo"));
      index.remove("a", re("^fo"));
      index.remove("a", re("^foo", "i"));
      assertThat(query(index, "foo")).containsExactly("a");
    }

    @Test
    void manyAddsAndRemovesKeepTheTablesRight() {
      RegexpIndex<Integer> index = new RegexpIndex<>();
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 2000; i++) {
          index.add(i, re("^k" + i + "$"));
          index.add(-i - 1, re("-t" + i + "-"));
        }
        for (int i = 0; i < 2000; i += 2) {
          index.remove(i, re("^k" + i + "$"));
          index.remove(-i - 1, re("-t" + i + "-"));
        }
        for (int i = 0; i < 2000; i++) {
          List<Integer> expected = i % 2 == 0 ? List.of() : List.of(i);
          assertThat(query(index, "k" + i)).isEqualTo(expected);
          assertThat(query(index, "x-t" + i + "-x")).isEqualTo(i % 2 == 0 ? List.of() : List.of(-i - 1));
        }
        for (int i = 1; i < 2000; i += 2) {
          index.remove(i, re("^k" + i + "$"));
          index.remove(-i - 1, re("-t" + i + "-"));
        }
        assertThat(index.isEmpty()).isTrue();
      }
    }
  }

  @Nested
  class LongStrings {
    @Test
    void longStringWithFewPatternsIsSearchedKeyByKey() {
      Counted c = new Counted();
      c.index.add("tail", re("needle\\d"));
      c.index.add("folded", re("HAYSTACK!", "i"));
      c.index.add("absent", re("nowhere\\d"));
      String hay = "ab".repeat(5000) + "needle7" + "cd".repeat(5000) + "haystack!";
      assertThat(c.query(hay)).containsExactlyInAnyOrder("tail", "folded");
      assertThat(c.runs).doesNotContainKey(re("nowhere\\d"));
    }

    @Test
    void longStringWithManyPatternsIsScannedPositionByPosition() {
      RegexpIndex<Integer> index = new RegexpIndex<>();
      for (int i = 0; i < 500; i++) {
        index.add(i, re("w" + (1000 + i) + "w"));
      }
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 500; i += 50) {
        b.append("zz".repeat(60)).append('w').append(1000 + i).append('w');
      }
      assertThat(b.length()).isGreaterThan(RegexpIndex.KEY_SEARCH_MIN_LENGTH);
      assertThat(query(index, b.toString())).containsExactlyInAnyOrder(0, 50, 100, 150, 200, 250, 300, 350, 400, 450);
    }
  }

  @Nested
  class Callbacks {
    @Test
    void callbackMayQueryAgainOnTheSameThread() {
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("abc", re("abc"));
      index.add("xyz", re("xyz"));
      List<String> inner = new ArrayList<>();
      List<String> outer = new ArrayList<>();
      index.query("abc xyz abc xyz", hit -> {
        outer.add(hit);
        index.query("xyz abc", inner::add);
      });
      assertThat(outer).containsExactlyInAnyOrder("abc", "xyz");
      assertThat(inner).containsExactlyInAnyOrder("abc", "xyz", "abc", "xyz");
    }

    @Test
    void callbackExceptionLeavesTheIndexUsable() {
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("abc", re("abc"));
      assertThatThrownBy(() -> index.query("abc", hit -> {
        throw new IllegalStateException("boom");
      })).hasMessage("boom");
      assertThat(query(index, "abcabc")).containsExactly("abc");
    }
  }
}
