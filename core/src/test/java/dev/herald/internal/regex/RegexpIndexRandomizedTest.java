package dev.herald.internal.regex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Literal extraction must never be unsound: the index must report exactly what running every
 * pattern would. Thousands of random patterns (anchors, classes, quantifiers, groups, alternation,
 * escapes, inline flags, JavaScript flags) over a small alphabet, against random strings over the
 * same alphabet plus Unicode case variants and astral characters. The seed is fixed and printed;
 * {@code -Dherald.regex.seed=N} replays another.
 */
class RegexpIndexRandomizedTest {
  private static final long SEED = Long.getLong("herald.regex.seed", 20_261_128L);
  private static final String GRIN = "\uD83D\uDE00";

  private final Random random = new Random(SEED);

  // Literal characters in patterns; strings use them plus case variants the patterns lack.
  private static final String[] PATTERN_CHARS = {
    "a", "b", "c", "a", "b", "c", "A", "B", "i", "k", "s", "-", " ", "\u00e9", GRIN, "\\.", "\\-", "\\ ", "{", "}",
    "]", "\n"
  };
  private static final String[] STRING_CHARS = {
    "a", "b", "c", "a", "b", "c", "A", "B", "C", "i", "I", "k", "K", "s", "S", "-", " ", ".", "\u00e9", "\u00c9", GRIN,
    "\u212a", "\u017f", "\u0131", "\u0130", "\n", "1", "{", "}", "]", "\uD83D", "\uDE00"
  };
  private static final String[] ATOMS = {
    ".", "[ab]", "[^a]", "[a-c]", "[[:alpha:]]", "[]a]", "\\d", "\\w", "\\s", "\\W", "\\x61", "\\x{62}", "\\141",
    "\\pL", "\\p{Latin}", "\\PL", "\\n"
  };
  private static final String[] ASSERTIONS = {"^", "$", "\\A", "\\z", "\\b", "\\B"};
  private static final String[] QUANTIFIERS = {"?", "*", "+", "{0,2}", "{1,}", "{2}", "{1,2}", "{0}", "??", "*?", "+?"};
  private static final String[] ENDINGS = {"$", "\\z", ".*", ".*$", "(ab)?", "[a-c]*", "a+", "b{1,3}", "c{0}", "a{00}"};
  private static final String[] FLAGS = {null, "", "i", "m", "s", "im", "is", "ms", "ims", "g", "igy", "mx"};

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  private String literalRun() {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      b.append(pick(PATTERN_CHARS));
    }
    return b.toString();
  }

  private String element(int depth) {
    int r = random.nextInt(100);
    if (r < 45) {
      return literalRun();
    }
    if (r < 57) {
      return pick(ATOMS);
    }
    if (r < 67) {
      return pick(ASSERTIONS);
    }
    if (r < 77 && depth < 2) {
      String open = random.nextInt(4) == 0 ? (random.nextBoolean() ? "(?:" : "(?i:") : "(";
      String body = sequence(depth + 1);
      if (random.nextInt(3) == 0) {
        body += "|" + sequence(depth + 1);
      }
      return open + body + ")";
    }
    if (r < 80) {
      return "(?i)";
    }
    if (r < 83) {
      return "\\Q" + literalRun().replace("\\", "") + (random.nextBoolean() ? "|(\\E" : "\\E");
    }
    if (r < 86) {
      return "x{,2}";
    }
    if (r < 89) {
      // Longer than the literal checks, which look at 32 characters at most.
      StringBuilder b = new StringBuilder();
      while (b.length() < 30 + random.nextInt(40)) {
        b.append(pick(PATTERN_CHARS));
      }
      return b.toString();
    }
    if (r < 91 && depth < 2) {
      return "(?P<g" + depth + ">" + sequence(depth + 1) + ")";
    }
    return literalRun();
  }

  private String sequence(int depth) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(depth == 0 ? 6 : 3);
    for (int i = 0; i < n; i++) {
      String e = element(depth);
      b.append(e);
      if (random.nextInt(4) == 0) {
        b.append(pick(QUANTIFIERS));
      }
    }
    return b.toString();
  }

  private RegexpPattern randomPattern() {
    while (true) {
      String source = sequence(0);
      if (random.nextInt(3) == 0) {
        source = (random.nextInt(4) == 0 ? "\\A" : "^") + source;
      }
      if (random.nextInt(6) == 0) {
        source = source + pick(ENDINGS); // shapes literals alone decide, and near misses
      }
      if (random.nextInt(12) == 0) {
        source = source + "|" + sequence(0);
      }
      try {
        return RegexpPattern.compile(source, pick(FLAGS), 4096);
      } catch (IllegalArgumentException invalid) {
        // e.g. a quantifier after an assertion group; draw again
      }
    }
  }

  private String randomString(int maxLength) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(maxLength + 1);
    for (int i = 0; i < n; i++) {
      b.append(pick(STRING_CHARS));
    }
    return b.toString();
  }

  /** A string built to contain literals of some pattern, so that candidates are actually hit. */
  private String stringNear(RegexpPattern p) {
    String s = p.source().replaceAll("[\\\\()\\[\\]^$|?*+]", "");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(random.nextInt(4) == 0 ? Character.toUpperCase(c) : c);
      if (random.nextInt(8) == 0) {
        b.append(pick(STRING_CHARS));
      }
    }
    return random.nextBoolean() ? b.toString() : randomString(3) + b;
  }

  @Test
  void indexAgreesWithRunningEveryPattern() {
    indexAgreesWithRunningEveryPattern(new RegexpIndex<>());
  }

  /** The same, with every hashed key colliding (prefixes over 4 characters, long substrings). */
  @Test
  void indexWithCollidingHashesAgreesWithRunningEveryPattern() {
    indexAgreesWithRunningEveryPattern(new RegexpIndex<>(RegexpPattern::matches, 0L));
  }

  private void indexAgreesWithRunningEveryPattern(RegexpIndex<Integer> index) {
    System.out.println("RegexpIndexRandomizedTest seed " + SEED);
    Map<Integer, RegexpPattern> live = new LinkedHashMap<>();
    List<RegexpPattern> drawn = new ArrayList<>();
    Map<LiteralPlan.Route, Integer> routes = new EnumMap<>(LiteralPlan.Route.class);
    int decided = 0;
    for (int item = 0; item < 3000; item++) {
      RegexpPattern p = !drawn.isEmpty() && random.nextInt(8) == 0
          ? drawn.get(random.nextInt(drawn.size()))
          : randomPattern();
      drawn.add(p);
      LiteralPlan plan = LiteralPlan.of(p);
      routes.merge(plan.route, 1, Integer::sum);
      decided += plan.decision != null ? 1 : 0;
      index.add(item, p);
      live.put(item, p);
    }
    for (int item = 0; item < 3000; item += 1 + random.nextInt(4)) {
      index.remove(item, live.remove(item));
    }
    // The generator must exercise every route, or the comparison proves little.
    System.out.println("routes " + routes + ", decided by literals " + decided);
    assertThat(routes.getOrDefault(LiteralPlan.Route.PREFIX, 0)).isGreaterThan(200);
    assertThat(routes.getOrDefault(LiteralPlan.Route.SUBSTRING, 0)).isGreaterThan(200);
    assertThat(routes.getOrDefault(LiteralPlan.Route.ALWAYS, 0)).isGreaterThan(200);
    assertThat(decided).isGreaterThan(100);

    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      strings.add(i % 2 == 0 ? randomString(24) : stringNear(drawn.get(random.nextInt(drawn.size()))));
    }
    int matches = compare(index, live, strings);
    assertThat(matches).isGreaterThan(10_000);
  }

  @Test
  void longStringsAgreeWithRunningEveryPattern() {
    // Few patterns: long strings are searched key by key. Many: position by position.
    for (int patterns : new int[] {6, 400}) {
      RegexpIndex<Integer> index = new RegexpIndex<>();
      Map<Integer, RegexpPattern> live = new LinkedHashMap<>();
      List<RegexpPattern> drawn = new ArrayList<>();
      for (int item = 0; item < patterns; item++) {
        RegexpPattern p = randomPattern();
        drawn.add(p);
        index.add(item, p);
        live.put(item, p);
      }
      List<String> strings = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        StringBuilder b = new StringBuilder();
        while (b.length() < RegexpIndex.KEY_SEARCH_MIN_LENGTH + 200) {
          b.append(random.nextBoolean() ? randomString(20) : stringNear(drawn.get(random.nextInt(drawn.size()))));
        }
        strings.add(b.toString());
      }
      compare(index, live, strings);
    }
  }

  /** Checks every string; returns the number of (string, item) matches seen. */
  private static int compare(RegexpIndex<Integer> index, Map<Integer, RegexpPattern> live, List<String> strings) {
    Map<RegexpPattern, List<Integer>> itemsOf = new HashMap<>();
    live.forEach((item, p) -> itemsOf.computeIfAbsent(p, k -> new ArrayList<>()).add(item));
    int matches = 0;
    for (String s : strings) {
      Set<Integer> expected = new HashSet<>();
      itemsOf.forEach((p, items) -> {
        if (p.matches(s)) {
          expected.addAll(items);
        }
      });
      List<Integer> reported = new ArrayList<>();
      index.query(s, reported::add);
      assertThat(reported).as("duplicates for %s", s).doesNotHaveDuplicates();
      Set<Integer> got = new HashSet<>(reported);
      if (!got.equals(expected)) {
        Set<Integer> missed = new HashSet<>(expected);
        missed.removeAll(got);
        Set<Integer> extra = new HashSet<>(got);
        extra.removeAll(expected);
        List<String> details = new ArrayList<>();
        for (Integer m : missed) {
          details.add("missed " + live.get(m) + " plan " + describe(LiteralPlan.of(live.get(m))));
        }
        for (Integer x : extra) {
          details.add("extra " + live.get(x));
        }
        throw new AssertionError("seed " + SEED + ", string " + escape(s) + ": " + details);
      }
      matches += expected.size();
    }
    return matches;
  }

  private static String describe(LiteralPlan p) {
    return p.route + (p.folded ? " folded" : "") + " prefix=" + (p.prefix == null ? null : escape(p.prefix))
        + " runs=" + p.runs + " decision=" + p.decision + " " + (p.literal == null ? null : escape(p.literal));
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    return b.append('"').toString();
  }
}
