package dev.herald.internal.regex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Readers query without locks while a writer adds and removes. Stable items (added before the
 * readers start, never removed) must always be reported when their pattern matches, even while
 * churning items share their pattern or their bucket and tables are rebuilt; nothing is reported
 * twice; nothing whose pattern does not match is reported; no reader ever throws. Bounded by query
 * counts, not by time. Run twice: with real hashes, and with every hashed key colliding.
 */
class RegexpIndexConcurrencyTest {
  private static final int READERS = 3;
  private static final int QUERIES_PER_READER = 20_000;

  private static RegexpPattern re(String source, String flags) {
    return RegexpPattern.compile(source, flags, 4096);
  }

  @ParameterizedTest(name = "hash mask {0}")
  @ValueSource(longs = {-1L, 0L})
  void readersSeeStableItemsWhileAWriterChurns(long hashMask) throws InterruptedException {
    Random random = new Random(42);
    String[] words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa"};
    List<RegexpPattern> stablePatterns = new ArrayList<>();
    for (String w : words) {
      stablePatterns.add(re("^" + w, null)); // prefix
      stablePatterns.add(re("^" + w.substring(0, 2).toUpperCase(), "i")); // short folded prefix
      stablePatterns.add(re(w.substring(1) + "\\d", null)); // trigram
      stablePatterns.add(re(w.toUpperCase() + "!", "i")); // folded trigram
      stablePatterns.add(re("^shared-prefix-" + w + "\\b", null)); // long prefix, hashed
      stablePatterns.add(re("^SHARED-PREFIX-" + w.toUpperCase(), "i")); // long folded prefix, decided
      stablePatterns.add(re("long-" + w + "-substring\\d", null)); // long substring, hashed
      stablePatterns.add(re("LONG-" + w.toUpperCase() + "-SUBSTRING$", "i")); // long folded substring, decided
    }
    stablePatterns.add(re("\\d{3}", null)); // always run
    stablePatterns.add(re("a|e", null)); // always run

    RegexpIndex<String> index = new RegexpIndex<>(RegexpPattern::matches, hashMask);
    Map<String, RegexpPattern> patternOf = new ConcurrentHashMap<>();
    for (int i = 0; i < stablePatterns.size(); i++) {
      String item = "stable" + i;
      patternOf.put(item, stablePatterns.get(i));
      index.add(item, stablePatterns.get(i));
    }

    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String w = words[random.nextInt(words.length)];
      String s = switch (random.nextInt(8)) {
        case 0 -> w + random.nextInt(1000);
        case 1 -> "x " + w.toUpperCase() + "! " + random.nextInt(10);
        case 2 -> w.substring(0, 2).toUpperCase() + "-" + w;
        case 3 -> "zzz" + random.nextInt(100_000) + "zzz";
        case 4 -> "shared-prefix-" + (random.nextBoolean() ? w : random.nextInt(400)) + (random.nextBoolean() ? "" : "-x");
        case 5 -> "SHARED-prefix-" + w + "-" + random.nextInt(400);
        case 6 -> "a long-" + w + "-substring" + random.nextInt(10) + " LONG-" + random.nextInt(400) + "-SUBSTRING";
        default -> "q" + random.nextInt(1_000_000) + w.substring(1) + random.nextInt(10);
      };
      strings.add(s);
    }
    // What the stable items must give, computed up front.
    Map<String, Set<String>> stableHits = new HashMap<>();
    for (String s : strings) {
      Set<String> hits = new HashSet<>();
      for (int i = 0; i < stablePatterns.size(); i++) {
        if (stablePatterns.get(i).matches(s)) {
          hits.add("stable" + i);
        }
      }
      stableHits.put(s, hits);
    }

    // Churn: patterns equal to stable ones (shared entries), patterns sharing their keys, and
    // many distinct keys so that the tables grow, fill with vacant slots and get rebuilt.
    List<RegexpPattern> churnPatterns = new ArrayList<>(stablePatterns);
    for (int i = 0; i < 400; i++) {
      String w = words[i % words.length];
      churnPatterns.add(re("^" + w + i, null));
      churnPatterns.add(re("^" + w.substring(0, 3) + "[0-9]", i % 2 == 0 ? "i" : null));
      churnPatterns.add(re(w.substring(1) + i + "\\d", null));
      churnPatterns.add(re("zzz" + i + "zzz", "i"));
      churnPatterns.add(re("q" + (i % 5) + "|" + w, null)); // always run: only a few
      // Long prefixes and substrings of many lengths, so that lengths come into use and go.
      churnPatterns.add(re("^shared-prefix-" + i + (i % 3 == 0 ? "" : "-x"), null));
      churnPatterns.add(re("^SHARED-PREFIX-" + w + "-" + i + "\\b", "i"));
      churnPatterns.add(re("long-" + i + "-substring", i % 2 == 0 ? "i" : null));
    }

    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicInteger writes = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<String> present = new ArrayList<>(); // writer-only until it is joined

    Thread writer = new Thread(() -> {
      Random r = new Random(7);
      int next = 0;
      try {
        start.await();
        while (!done.get()) {
          if (present.size() < 600 && (present.isEmpty() || r.nextInt(3) > 0)) {
            String item = "churn" + next++;
            RegexpPattern p = churnPatterns.get(r.nextInt(churnPatterns.size()));
            patternOf.put(item, p);
            index.add(item, p);
            present.add(item);
          } else {
            String item = present.remove(r.nextInt(present.size()));
            index.remove(item, patternOf.get(item));
          }
          writes.incrementAndGet();
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    }, "writer");

    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < READERS; t++) {
      int seed = t;
      Thread reader = new Thread(() -> {
        Random r = new Random(100 + seed);
        List<String> reported = new ArrayList<>();
        try {
          start.await();
          for (int q = 0; q < QUERIES_PER_READER && failure.get() == null; q++) {
            String s = strings.get(r.nextInt(strings.size()));
            reported.clear();
            index.query(s, reported::add);
            Set<String> distinct = new HashSet<>(reported);
            if (distinct.size() != reported.size()) {
              throw new AssertionError("duplicate report for " + s + ": " + reported);
            }
            if (!distinct.containsAll(stableHits.get(s))) {
              throw new AssertionError("missed stable items for " + s + ": " + reported + " vs " + stableHits.get(s));
            }
            for (String item : reported) {
              if (!patternOf.get(item).matches(s)) {
                throw new AssertionError(item + " reported for " + s + " but " + patternOf.get(item) + " does not match");
              }
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "reader-" + t);
      readers.add(reader);
    }

    writer.start();
    readers.forEach(Thread::start);
    start.countDown();
    for (Thread reader : readers) {
      reader.join();
    }
    done.set(true);
    writer.join();

    assertThat(failure.get()).isNull();
    assertThat(writes.get()).isPositive();
    // Once quiet, the index answers exactly like running the surviving patterns.
    for (String s : strings) {
      Set<String> expected = new HashSet<>(stableHits.get(s));
      for (String item : present) {
        if (patternOf.get(item).matches(s)) {
          expected.add(item);
        }
      }
      List<String> reported = new ArrayList<>();
      index.query(s, reported::add);
      assertThat(reported).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
