package dev.herald.internal.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RegexpPatternTest {
  private static final int MAX = 4096;

  private static RegexpPattern re(String source) {
    return RegexpPattern.compile(source, null, MAX);
  }

  private static RegexpPattern re(String source, String flags) {
    return RegexpPattern.compile(source, flags, MAX);
  }

  /**
   * The "regexp" group of the conformance corpus (conformance/filters.json), as seen by a pattern:
   * only string values ever reach it (the engine never hands it numbers, arrays, null or missing
   * fields), so those documents are covered where the engine is tested.
   */
  @Nested
  class Corpus {
    @Test
    void stringFormIsCaseSensitiveAndAnchored() {
      RegexpPattern p = re("^ab");
      assertThat(p.matches("abc")).isTrue();
      assertThat(p.matches("ABC")).isFalse();
      assertThat(p.matches("xab")).isFalse();
    }

    @Test
    void flagIMakesItCaseInsensitive() {
      assertThat(re("^ab", "i").matches("ABC")).isTrue();
    }

    @Test
    void emptyFlagsMeanNone() {
      RegexpPattern p = re("^ab", "");
      assertThat(p.matches("abc")).isTrue();
      assertThat(p.flags()).isEmpty();
    }

    @Test
    void flagMAnchorsAtLines() {
      assertThat(re("^b$", "m").matches("a\nb")).isTrue();
      assertThat(re("^b$").matches("a\nb")).isFalse();
    }

    @Test
    void flagSLetsDotMatchNewline() {
      assertThat(re("a.b", "s").matches("a\nb")).isTrue();
      assertThat(re("a.b").matches("a\nb")).isFalse();
    }

    @Test
    void flagGIsStateless() {
      // Deviation from Koncorde, whose g flag makes test() alternate true, false, true.
      RegexpPattern p = re("b", "g");
      assertThat(p.matches("abc")).isTrue();
      assertThat(p.matches("abc")).isTrue();
      assertThat(p.matches("abc")).isTrue();
    }

    @Test
    void unknownFlagsAreIgnored() {
      assertThat(re("a", "x").matches("a")).isTrue();
    }

    @Test
    void dotMatchesAnAstralCharacter() {
      assertThat(re("^.$").matches("\uD83D\uDE00")).isTrue();
    }

    @Test
    void lookaheadIsRejected() {
      assertThatThrownBy(() -> re("(?=a)"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(?=");
    }

    @Test
    void backreferencesAreRejected() {
      assertThatThrownBy(() -> re("(a)\\1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("invalid escape sequence: \\1");
    }

    @Test
    void syntaxErrorCarriesRe2Message() {
      assertThatThrownBy(() -> re("(a"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("missing closing ): (a");
    }

    @Test
    void emptyPatternMatchesEveryString() {
      RegexpPattern p = re("");
      assertThat(p.matches("")).isTrue();
      assertThat(p.matches("x")).isTrue();
    }

    @Test
    void notRegexpIsTheNegationOnStrings() {
      // The corpus "not regexp ^1" case: only strings are tested; "123" matches, "abc" does not.
      RegexpPattern p = re("^1");
      assertThat(p.matches("123")).isTrue();
      assertThat(p.matches("abc")).isFalse();
      assertThat(re("^n").matches("abc")).isFalse();
    }
  }

  @Nested
  class Flags {
    @Test
    void effectiveFlagsAreTheSubsetOfImsInOrder() {
      assertThat(re("a", "sgmyiu").flags()).isEqualTo("ims");
      assertThat(re("a", "mm").flags()).isEqualTo("m");
      assertThat(re("a", "gyxuz").flags()).isEmpty();
      assertThat(re("a", null).flags()).isEmpty();
    }

    @Test
    void flagsAreCaseSensitiveLetters() {
      assertThat(re("a", "I").flags()).isEmpty();
      assertThat(re("a", "I").matches("A")).isFalse();
    }

    @Test
    void sourceIsKeptVerbatim() {
      assertThat(re("^a\\.b", "gi").source()).isEqualTo("^a\\.b");
    }

    @Test
    void equalityIsOnSourceAndEffectiveFlags() {
      assertThat(re("ab", "ig")).isEqualTo(re("ab", "i")).hasSameHashCodeAs(re("ab", "i"));
      assertThat(re("ab", "si")).isEqualTo(re("ab", "is"));
      assertThat(re("ab", "")).isEqualTo(re("ab", null));
      assertThat(re("ab", "i")).isNotEqualTo(re("ab"));
      assertThat(re("ab")).isNotEqualTo(re("abc"));
    }

    @Test
    void caseInsensitivityFollowsUnicodeSimpleFolding() {
      assertThat(re("k", "i").matches("\u212A")).isTrue(); // Kelvin sign
      assertThat(re("s", "i").matches("\u017F")).isTrue(); // long s
      assertThat(re("\u00E9", "i").matches("\u00C9")).isTrue();
      assertThat(re("i", "i").matches("\u0130")).isFalse(); // dotted capital I is not i to RE2
    }

    @Test
    void inlineFlagsWork() {
      assertThat(re("(?i)abc").matches("ABC")).isTrue();
      assertThat(re("(a(?i)b)c").matches("aBC")).isFalse();
      assertThat(re("(a(?i)b)c").matches("aBc")).isTrue();
    }
  }

  @Nested
  class Matching {
    @Test
    void findsAnywhere() {
      assertThat(re("b+").matches("abbbc")).isTrue();
      assertThat(re("x").matches("abc")).isFalse();
      assertThat(re("c$").matches("abc")).isTrue();
    }

    @Test
    void dollarWithoutMIsEndOfTextOnly() {
      assertThat(re("a$").matches("a\n")).isFalse();
    }

    @Test
    void nullNeverMatches() {
      assertThat(re("").matches(null)).isFalse();
    }

    @Test
    void surrogatePairsAreOneCharacter() {
      String grin = "\uD83D\uDE00";
      assertThat(re("^..$").matches(grin)).isFalse();
      assertThat(re("^\\x{1F600}$").matches(grin)).isTrue();
      assertThat(re("[" + grin + "]").matches("x" + grin)).isTrue();
      assertThat(re("^[^a]$").matches(grin)).isTrue();
      assertThat(re("a.b").matches("a" + grin + "b")).isTrue();
    }

    @Test
    void loneSurrogatesInStringsAreCharactersOfTheirOwn() {
      assertThat(re("^.$").matches("\uD83D")).isTrue();
      assertThat(re("^.$").matches("\uDE00")).isTrue();
      assertThat(re("^.$").matches("\uD83Dx")).isFalse();
    }

    @Test
    void loneSurrogateInPatternMatchesOnlyHalfOfAPairWhereRe2jSearchesByLiteral() {
      // RE2J quirk, pinned so that a change is noticed: a pattern that is just a lone low
      // surrogate is found inside a pair (RE2J looks for its literal prefix with indexOf), a high
      // one is not (the pair decodes to one code point at its start).
      assertThat(re("\uDE00").matches("\uD83D\uDE00")).isTrue();
      assertThat(re("\uD83D").matches("\uD83D\uDE00")).isFalse();
      assertThat(re("^\uD83D$").matches("\uD83D")).isTrue();
    }

    @Test
    void matchingIsThreadSafe() throws InterruptedException {
      RegexpPattern p = re("^a(b|c)+d$", "i");
      List<Thread> threads = new ArrayList<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      for (int t = 0; t < 4; t++) {
        int id = t;
        Thread th = new Thread(() -> {
          try {
            for (int k = 0; k < 20_000; k++) {
              String s = (k + id) % 2 == 0 ? "ABCBD" : "abx" + k;
              if (p.matches(s) != ((k + id) % 2 == 0)) {
                throw new AssertionError("wrong answer for " + s);
              }
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        });
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) {
        th.join();
      }
      assertThat(failure.get()).isNull();
    }
  }

  @Nested
  class Rejection {
    @Test
    void sourceLongerThanTheLimitIsRejectedNamingTheLimit() {
      assertThat(RegexpPattern.compile("abcde", null, 5).source()).isEqualTo("abcde");
      assertThatThrownBy(() -> RegexpPattern.compile("abcdef", null, 5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("5");
    }

    @Test
    void re2SyntaxErrorsBecomeIllegalArgument() {
      for (String bad : new String[] {"[a", "a**", "x{1001}", "\\8", "(?P=n)", "(?<=a)b", "*", "a)"}) {
        assertThatThrownBy(() -> re(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
            .hasMessageNotContaining("error parsing regexp");
      }
    }

    @Test
    void nullSourceIsAProgrammingError() {
      assertThatThrownBy(() -> RegexpPattern.compile(null, null, MAX)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void explodingRepetitionIsRejectedBeforeRe2jAllocatesIt() {
      // RE2J alone would try to build a billion instructions and exhaust the heap.
      assertThatThrownBy(() -> re("((a{1000}){1000}){1000}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("too large");
      assertThatThrownBy(() -> re("(?:(?:(?:(?:a{10}){10}){10}){10}){10}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("too large");
    }

    @Test
    void largeButReasonableRepetitionIsAccepted() {
      assertThat(re("[a-z]{1000}").matches("x".repeat(1000))).isTrue();
      assertThat(re("(?:ab{100}){10}").matches(("a" + "b".repeat(100)).repeat(10))).isTrue();
    }

    @Test
    void deepNestingIsRejected() {
      String deep = "(".repeat(RegexpPattern.MAX_NESTING + 1) + "a" + ")".repeat(RegexpPattern.MAX_NESTING + 1);
      assertThatThrownBy(() -> RegexpPattern.compile(deep, null, 1 << 20))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nest");
    }

    @Test
    void estimateIsCloseToRe2jProgramSize() {
      for (String s : new String[] {"abc", "a|b|c", "(a)(b)", "x{1000}", "(?:ab){10,20}", "a*b+c?", "\\Qabc\\E",
          "[a-z]+@[a-z]+\\.com", "(?i)(foo|bar)baz{2,}"}) {
        long estimate = ProgramSize.estimate(s);
        int actual = com.google.re2j.Pattern.compile(s).programSize();
        assertThat(estimate).as(s).isBetween(actual / 2L, actual * 2L + 8);
      }
    }
  }

  @Nested
  class SmallStacks {
    /** Runs {@code task} on a thread with a 128 KiB stack, where RE2J's recursion overflows. */
    private <T> T onSmallStack(java.util.function.Supplier<T> task) throws InterruptedException {
      AtomicReference<Object> out = new AtomicReference<>();
      Thread t = new Thread(null, () -> {
        try {
          out.set(task.get());
        } catch (Throwable e) {
          out.set(e);
        }
      }, "small-stack", 128 * 1024);
      t.start();
      t.join();
      if (out.get() instanceof Throwable) {
        throw new AssertionError((Throwable) out.get());
      }
      @SuppressWarnings("unchecked")
      T r = (T) out.get();
      return r;
    }

    @Test
    void compilingDoesNotDependOnTheCallersStack() throws InterruptedException {
      // RE2J turns .{0,1000} into 1000 nested optional parts and compiles them recursively.
      RegexpPattern p = onSmallStack(() -> re("^.{0,1000}$"));
      assertThat(p.matches("x".repeat(1000))).isTrue();
      assertThat(p.matches("x".repeat(1001))).isFalse();
    }

    @Test
    void matchingDoesNotDependOnTheCallersStack() throws InterruptedException {
      // 1000 optional parts in a row: RE2J follows their empty transitions recursively.
      RegexpPattern p = re("^(?:a?){1000}b");
      assertThat(onSmallStack(() -> p.matches("aaab"))).isTrue();
      assertThat(onSmallStack(() -> p.matches("aaac"))).isFalse();
    }
  }
}
