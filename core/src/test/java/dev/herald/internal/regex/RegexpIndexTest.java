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
      c.index.add("a", re("abc."));
      c.index.add("b", re("bcd\\b"));
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
    void letterIUnderFlagIIsComparedAsRe2Does() {
      // U+0130 and U+0131 fold to 'i' but RE2 does not equate them with it.
      Counted c = new Counted();
      c.index.add("bike", re("^bike", "i"));
      c.index.add("kit", re("KIT$", "i"));
      assertThat(c.query("B\u0130KE")).isEmpty();
      assertThat(c.query("B\u0131KE")).isEmpty();
      assertThat(c.query("BIKE")).containsExactly("bike");
      assertThat(c.query("a \u212AIT")).containsExactly("kit");
      assertThat(c.query("a K\u0131T")).isEmpty();
      assertThat(c.totalRuns()).isZero();
    }

    @Test
    void commonShapesAreDecidedWithoutRe2j() {
      Counted c = new Counted();
      c.index.add("dotStar", re("^user-.*"));
      c.index.add("optional", re("^n4-(q12)?"));
      c.index.add("suffix", re("\\.example\\.com$"));
      c.index.add("whole", re("^OK$", "i"));
      c.index.add("plus", re("^ab+"));
      assertThat(c.query("user-42.example.com")).containsExactlyInAnyOrder("dotStar", "suffix");
      assertThat(c.query("n4-")).containsExactly("optional");
      assertThat(c.query("ok")).containsExactly("whole");
      assertThat(c.query("ok\n")).isEmpty();
      assertThat(c.query("abbb")).containsExactly("plus");
      assertThat(c.query("x.example.com\n")).isEmpty();
      assertThat(c.totalRuns()).isZero();
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

  /** Every item whose pattern RE2J finds in {@code value}, by running them all. */
  private static <T> List<T> bruteForce(Map<T, RegexpPattern> patterns, String value) {
    List<T> hits = new ArrayList<>();
    patterns.forEach((item, p) -> {
      if (p.matches(value)) {
        hits.add(item);
      }
    });
    return hits;
  }

  private static <T> void assertAgrees(RegexpIndex<T> index, Map<T, RegexpPattern> patterns, String value) {
    assertThat(query(index, value)).as("query %s", value)
        .containsExactlyInAnyOrderElementsOf(bruteForce(patterns, value));
  }

  @Nested
  class LongPrefixes {
    @Test
    void anchoredPatternsAreFiledUnderTheirWholePrefixUpToTheCap() {
      RegexpIndex<String> index = new RegexpIndex<>();
      String longPrefix = "p".repeat(RegexpIndex.MAX_PREFIX + 8);
      index.add("a", re("^user-42-\\d"));
      index.add("b", re("^USER-42-\\d", "i"));
      index.add("c", re("^" + longPrefix + "\\d"));
      index.add("d", re("^ab\\d"));
      assertThat(index.filedUnder(re("^user-42-\\d"))).isEqualTo("user-42-");
      assertThat(index.filedUnder(re("^USER-42-\\d", "i"))).isEqualTo("user-42-");
      assertThat(index.filedUnder(re("^" + longPrefix + "\\d"))).isEqualTo("p".repeat(RegexpIndex.MAX_PREFIX));
      assertThat(index.filedUnder(re("^ab\\d"))).isEqualTo("ab");
      assertThat(query(index, longPrefix + "7")).containsExactly("c");
      assertThat(query(index, "p".repeat(RegexpIndex.MAX_PREFIX + 7) + "7")).isEmpty(); // key found, check fails
    }

    @Test
    void manyPatternsSharingALongPrefix() {
      Counted c = new Counted();
      Map<String, RegexpPattern> patterns = new HashMap<>();
      for (int i = 0; i < 2000; i++) {
        patterns.put("decided" + i, re("^user-" + i + "-"));
        patterns.put("run" + i, re("^user-" + i + "-\\d"));
        patterns.put("folded" + i, re("^USER-" + i + "-X\\b", "i"));
      }
      patterns.put("short", re("^user"));
      patterns.forEach(c.index::add);
      assertThat(c.query("user-42-7")).containsExactlyInAnyOrder("short", "decided42", "run42");
      assertThat(c.totalRuns()).isEqualTo(1);
      assertThat(c.query("User-1999-x")).containsExactly("folded1999");
      assertThat(c.totalRuns()).isEqualTo(1);
      for (String value : List.of("user-", "user-1", "user-1-", "user-12-x", "USER-12-X", "user-123-4", "usex-1-")) {
        assertAgrees(c.index, patterns, value);
      }
    }

    @Test
    void prefixLengthsAroundTheCap() {
      String text = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#%&";
      Map<String, RegexpPattern> patterns = new HashMap<>();
      RegexpIndex<String> index = new RegexpIndex<>();
      for (int length = 1; length <= text.length(); length++) {
        String prefix = text.substring(0, length);
        patterns.put("plain" + length, re("^" + prefix));
        patterns.put("digit" + length, re("^" + prefix + "\\d"));
        patterns.put("folded" + length, re("^" + prefix.toUpperCase() + "\\D", "i"));
      }
      patterns.forEach(index::add);
      for (int length = 0; length <= text.length(); length++) {
        String prefix = text.substring(0, length);
        assertAgrees(index, patterns, prefix);
        assertAgrees(index, patterns, prefix + "7");
        assertAgrees(index, patterns, prefix.toUpperCase() + "-");
        assertAgrees(index, patterns, prefix + "~" + text);
      }
    }

    @Test
    void removingTheLastPatternOfALengthAndAddingAgain() {
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("long", re("^abcdefghij"));
      index.add("folded", re("^ABCDEFGHIJ\\d", "i"));
      index.add("short", re("^abc"));
      assertThat(query(index, "abcdefghij1")).containsExactlyInAnyOrder("long", "folded", "short");
      index.remove("long", re("^abcdefghij"));
      index.remove("folded", re("^ABCDEFGHIJ\\d", "i"));
      assertThat(query(index, "abcdefghij1")).containsExactly("short");
      index.remove("short", re("^abc"));
      assertThat(index.isEmpty()).isTrue();
      assertThat(query(index, "abcdefghij1")).isEmpty();
      index.add("again", re("^abcdefghij"));
      assertThat(query(index, "abcdefghij1")).containsExactly("again");
    }
  }

  @Nested
  class Substrings {
    @Test
    void patternsSharingMostOfTheirTextSpreadOverWhereTheyDiffer() {
      RegexpIndex<Integer> index = new RegexpIndex<>();
      Map<String, Integer> sharing = new HashMap<>();
      for (int i = 100; i < 1000; i++) {
        RegexpPattern p = re("q" + i + "z\\d"); // runs under 8 characters: trigrams
        index.add(i, p);
        sharing.merge(index.filedUnder(p), 1, Integer::sum);
      }
      assertThat(sharing.values()).allMatch(n -> n <= 2);
      sharing.clear();
      for (int i = 0; i < 5000; i++) {
        RegexpPattern p = re("common-text-" + i + "-x\\d"); // longer runs: 8-character substrings
        index.add(-i - 1, p);
        sharing.merge(index.filedUnder(p), 1, Integer::sum);
      }
      assertThat(sharing.values()).allMatch(n -> n <= 2);
    }

    @Test
    void theRarestSubstringWinsAmongUnusedOnes() {
      RegexpIndex<String> index = new RegexpIndex<>();
      index.add("a", re("the qu\\d"));
      assertThat(index.filedUnder(re("the qu\\d"))).isEqualTo(" qu");
    }

    @Test
    void longSubstringsFoldedAndRaw() {
      Counted c = new Counted();
      Map<String, RegexpPattern> patterns = new HashMap<>();
      for (int i = 0; i < 500; i++) {
        patterns.put("raw" + i, re("item-" + i + "-end\\b"));
        patterns.put("folded" + i, re("ITEM-" + i + "-END\\b", "i"));
        patterns.put("decided" + i, re("item-" + i + "-end$"));
      }
      patterns.forEach(c.index::add);
      assertThat(c.query("an item-42-end")).containsExactlyInAnyOrder("raw42", "folded42", "decided42");
      assertThat(c.totalRuns()).isEqualTo(2);
      for (String value : List.of("item-4-end", "ITEM-499-END!", "item-42-ender", "xitem-7-endx", "item-1")) {
        assertAgrees(c.index, patterns, value);
      }
    }
  }

  /** Every hashed key collides: prefixes of one length, long substrings. Checks keep results exact. */
  @Nested
  class HashCollisions {
    @Test
    void collidingKeysOnlyAddCandidates() {
      RegexpIndex<String> index = new RegexpIndex<>(RegexpPattern::matches, 0L);
      Map<String, RegexpPattern> patterns = new HashMap<>();
      for (int i = 0; i < 300; i++) {
        patterns.put("prefix" + i, re("^user-" + i + "-\\d"));
        patterns.put("decided" + i, re("^user-" + i + "-x"));
        patterns.put("foldedPrefix" + i, re("^USER-" + i + "-Y", "i"));
        patterns.put("substring" + i, re("item-" + i + "-end\\b"));
        patterns.put("foldedSubstring" + i, re("ITEM-" + i + "-END", "i"));
        patterns.put("short" + i, re("k" + i + "\\d"));
      }
      patterns.forEach(index::add);
      List<String> values = new ArrayList<>();
      for (int i = 0; i < 320; i += 7) {
        values.addAll(List.of("user-" + i + "-5", "user-" + i + "-x", "USER-" + i + "-y", "an item-" + i + "-end",
            "ITEM-" + i + "-End", "k" + i + "5", "user-" + i + "5"));
      }
      for (String v : values) {
        assertAgrees(index, patterns, v);
      }
      for (int i = 0; i < 300; i += 2) {
        for (String kind : List.of("prefix", "decided", "foldedPrefix", "substring", "foldedSubstring", "short")) {
          index.remove(kind + i, patterns.remove(kind + i));
        }
      }
      for (String v : values) {
        assertAgrees(index, patterns, v);
      }
      // Long strings searched key by key: a bucket holds entries of different substrings.
      RegexpIndex<String> few = new RegexpIndex<>(RegexpPattern::matches, 0L);
      Map<String, RegexpPattern> two = Map.of("a", re("needle-one\\d"), "b", re("NEEDLE-TWO\\d", "i"));
      two.forEach(few::add);
      String hay = "ab".repeat(1000) + "needle-two7" + "cd".repeat(1000);
      assertAgrees(few, two, hay);
      assertAgrees(few, two, hay + "needle-one1");
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
