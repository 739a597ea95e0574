package dev.herald.internal.regex;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * Finds the items whose pattern matches a string without running every pattern: patterns are
 * deduplicated, and each is filed under a literal it requires (an anchored prefix, or a trigram of a
 * required substring, case-folded for {@code i}); only candidates whose literal occurs in the string
 * are run. Patterns without a usable literal are always run.
 *
 * <p>Thread-safety: any number of threads may {@link #query} while one thread at a time adds or
 * removes (the caller serializes writers). Queries take no lock and never wait for a writer: every
 * structure they read is an immutable view or an append-only array published through a volatile
 * field or a release write. A query running concurrently with a writer sees, for each pattern,
 * either its items before or after the change.
 *
 * <p>Cost of a query on a string of length n: one table probe per prefix length in use (1 to 4),
 * plus one or two probes per position for the trigrams (or, for long strings when few trigrams are
 * filed, one substring search per filed trigram), plus a literal check and one RE2J run per
 * candidate (no RE2J run when the pattern is a plain literal); always-run patterns are run every
 * time. Equal patterns share one entry, run at most
 * once per query. Memory: one compiled pattern per distinct pattern plus a few slots per item.
 *
 * <p>Items are kept by {@code equals}: adding an item already present under an equal pattern does
 * nothing. An item added under two different patterns is reported once per matching pattern.
 */
public final class RegexpIndex<T> {
  /** Strings at least this long may be searched key by key instead of position by position. */
  static final int KEY_SEARCH_MIN_LENGTH = 1024;
  /** Key-by-key search is chosen when the string is this many times longer than the key count. */
  static final int KEY_SEARCH_RATIO = 64;

  private static final long FOLDED_TRIGRAM = 1L << 48;
  private static final long TRIGRAM_MASK = (1L << 48) - 1;
  private static final ThreadLocal<VisitedKeys> VISITED = ThreadLocal.withInitial(VisitedKeys::new);

  /** Runs a pattern on a string: {@link RegexpPattern#matches}, or a counting stand-in in tests. */
  private final BiPredicate<RegexpPattern, String> evaluator;
  /** Writer-only: the entry of each distinct pattern. */
  private final HashMap<RegexpPattern, Entry> entries = new HashMap<>();
  private volatile int entryCount;

  private volatile Snapshot always = Snapshot.EMPTY;
  /** Indexed by {@code (folded ? 4 : 0) + length - 1}; values are snapshots of entries. */
  private final LongKeyTable<Snapshot>[] prefixes;
  /** Trigram keys, with bit 48 set for folded ones. */
  private final LongKeyTable<Snapshot> trigrams = new LongKeyTable<>(Snapshot.EMPTY);
  // Filed trigram entries, case-sensitive and folded: a query skips the kind nobody uses.
  private volatile int rawTrigramEntries;
  private volatile int foldedTrigramEntries;

  /** A distinct pattern, where it is filed, and its items. */
  private static final class Entry {
    final RegexpPattern pattern;
    final LiteralPlan plan;
    /** Items, in order of addition. */
    volatile Snapshot items = Snapshot.EMPTY;

    Entry(RegexpPattern pattern, LiteralPlan plan) {
      this.pattern = pattern;
      this.plan = plan;
    }

    boolean matches(String value, BiPredicate<RegexpPattern, String> evaluator) {
      String check = plan.check;
      if (check != null) {
        boolean present = plan.route == LiteralPlan.Route.PREFIX
            ? CaseFold.startsWith(value, check, plan.folded)
            : CaseFold.contains(value, check, plan.folded);
        if (!present) {
          return false;
        }
      }
      return plan.exact || evaluator.test(pattern, value);
    }
  }

  public RegexpIndex() {
    this(RegexpPattern::matches);
  }

  @SuppressWarnings("unchecked")
  RegexpIndex(BiPredicate<RegexpPattern, String> evaluator) {
    this.evaluator = evaluator;
    prefixes = new LongKeyTable[8];
    for (int i = 0; i < prefixes.length; i++) {
      prefixes[i] = new LongKeyTable<>(Snapshot.EMPTY);
    }
  }

  /** Writer only. Files {@code item} under {@code pattern}; a no-op when it is already there. */
  public void add(T item, RegexpPattern pattern) {
    Objects.requireNonNull(item, "item");
    Entry e = entries.get(pattern);
    if (e == null) {
      e = new Entry(pattern, LiteralPlan.of(pattern));
      e.items = Snapshot.EMPTY.with(item);
      file(e);
      entries.put(pattern, e);
      entryCount = entries.size();
    } else if (e.items.indexOf(item) < 0) {
      e.items = e.items.with(item);
    }
  }

  /** Writer only. Removes {@code item} from {@code pattern}; a no-op when it is not there. */
  public void remove(T item, RegexpPattern pattern) {
    Entry e = entries.get(pattern);
    if (e == null || item == null) {
      return;
    }
    Snapshot left = e.items.without(item);
    if (left == e.items) {
      return;
    }
    if (left.size > 0) {
      e.items = left;
      return;
    }
    unfile(e); // the entry keeps its last item: a query still holding it reports a consistent past
    entries.remove(pattern);
    entryCount = entries.size();
  }

  /** Calls {@code hits} exactly once for each item whose pattern matches {@code value}. */
  public void query(String value, Consumer<? super T> hits) {
    if (value == null) {
      return;
    }
    Snapshot a = always;
    for (int i = 0; i < a.size; i++) {
      visit((Entry) a.elements[i], value, hits);
    }
    queryPrefixes(value, hits);
    if (value.length() >= 3 && (rawTrigramEntries > 0 || foldedTrigramEntries > 0)) {
      queryTrigrams(value, hits);
    }
  }

  public boolean isEmpty() {
    return entryCount == 0;
  }

  /** Distinct patterns held. */
  int patternCount() {
    return entryCount;
  }

  private void queryPrefixes(String value, Consumer<? super T> hits) {
    int n = Math.min(4, value.length());
    long raw = 0;
    long folded = 0;
    for (int len = 1; len <= n; len++) {
      char c = value.charAt(len - 1);
      raw = (raw << 16) | c;
      LongKeyTable<Snapshot> t = prefixes[len - 1];
      if (t.size() > 0) {
        visitAll(t.get(raw), value, hits);
      }
      t = prefixes[4 + len - 1];
      folded = (folded << 16) | CaseFold.fold(c);
      if (t.size() > 0) {
        visitAll(t.get(folded), value, hits);
      }
    }
  }

  private void queryTrigrams(String value, Consumer<? super T> hits) {
    int n = value.length();
    boolean wantRaw = rawTrigramEntries > 0;
    boolean wantFolded = foldedTrigramEntries > 0;
    if (n >= KEY_SEARCH_MIN_LENGTH && (long) trigrams.size() * KEY_SEARCH_RATIO <= n) {
      searchEachKey(value, wantFolded, hits);
      return;
    }
    // A trigram may occur many times, but its entries must run once: hits go through a set of
    // visited keys, claimed only once something is found, so most queries never touch it.
    VisitedKeys visited = null;
    try {
      long raw = 0;
      long folded = 0;
      for (int i = 0; i < n; i++) {
        char c = value.charAt(i);
        raw = ((raw << 16) | c) & TRIGRAM_MASK;
        if (wantFolded) {
          folded = ((folded << 16) | CaseFold.fold(c)) & TRIGRAM_MASK;
        }
        if (i >= 2) {
          if (wantRaw) {
            visited = probeTrigram(raw, visited, value, hits);
          }
          if (wantFolded) {
            visited = probeTrigram(folded | FOLDED_TRIGRAM, visited, value, hits);
          }
        }
      }
    } finally {
      if (visited != null) {
        visited.release();
      }
    }
  }

  /** Runs the entries filed under {@code key} unless done already; returns the visited set. */
  private VisitedKeys probeTrigram(long key, VisitedKeys visited, String value, Consumer<? super T> hits) {
    Snapshot bucket = trigrams.get(key);
    if (bucket == null) {
      return visited;
    }
    if (visited == null) {
      visited = VisitedKeys.claim();
    }
    if (visited.firstVisit(key)) {
      visitAll(bucket, value, hits);
    }
    return visited;
  }

  /** Looks for each filed trigram in the string, instead of looking up each of its positions. */
  private void searchEachKey(String value, boolean wantFolded, Consumer<? super T> hits) {
    String folded = wantFolded ? CaseFold.foldAll(value) : null;
    trigrams.forEach((key, bucket) -> {
      String text = (key & FOLDED_TRIGRAM) != 0 ? folded : value;
      if (text == null) {
        return;
      }
      String trigram = new String(new char[] {(char) (key >>> 32), (char) (key >>> 16), (char) key});
      if (text.indexOf(trigram) >= 0) {
        visitAll(bucket, value, hits);
      }
    });
  }

  private void visitAll(Snapshot bucket, String value, Consumer<? super T> hits) {
    if (bucket == null) {
      return;
    }
    for (int i = 0; i < bucket.size; i++) {
      visit((Entry) bucket.elements[i], value, hits);
    }
  }

  @SuppressWarnings("unchecked")
  private void visit(Entry e, String value, Consumer<? super T> hits) {
    Snapshot items = e.items;
    if (items.size == 0 || !e.matches(value, evaluator)) {
      return;
    }
    for (int i = 0; i < items.size; i++) {
      hits.accept((T) items.elements[i]);
    }
  }

  // Filing. Writer only.

  private void file(Entry e) {
    LiteralPlan p = e.plan;
    switch (p.route) {
      case PREFIX: {
        LongKeyTable<Snapshot> t = prefixes[(p.folded ? 4 : 0) + p.prefixLength - 1];
        Snapshot b = t.get(p.key);
        t.put(p.key, (b == null ? Snapshot.EMPTY : b).with(e));
        break;
      }
      case TRIGRAM: {
        long key = trigramKey(p);
        Snapshot b = trigrams.get(key);
        trigrams.put(key, (b == null ? Snapshot.EMPTY : b).with(e));
        if (p.folded) {
          foldedTrigramEntries++;
        } else {
          rawTrigramEntries++;
        }
        break;
      }
      default:
        always = always.with(e);
    }
  }

  private void unfile(Entry e) {
    LiteralPlan p = e.plan;
    switch (p.route) {
      case PREFIX:
        removeFrom(prefixes[(p.folded ? 4 : 0) + p.prefixLength - 1], p.key, e);
        break;
      case TRIGRAM:
        removeFrom(trigrams, trigramKey(p), e);
        if (p.folded) {
          foldedTrigramEntries--;
        } else {
          rawTrigramEntries--;
        }
        break;
      default:
        always = always.without(e);
    }
  }

  private static void removeFrom(LongKeyTable<Snapshot> t, long key, Entry e) {
    Snapshot b = t.get(key);
    if (b == null) {
      return;
    }
    Snapshot left = b.without(e);
    if (left.size == 0) {
      t.remove(key);
    } else {
      t.put(key, left);
    }
  }

  private static long trigramKey(LiteralPlan p) {
    return p.folded ? p.key | FOLDED_TRIGRAM : p.key;
  }

  /**
   * A per-thread set of the trigram keys a query has already handled, reused across queries: a
   * generation stamp per slot makes clearing free.
   */
  private static final class VisitedKeys {
    private static final int INITIAL = 64;
    private static final int KEEP_AT_MOST = 1 << 14;

    private long[] keys = new long[INITIAL];
    private int[] stamps = new int[INITIAL];
    private int generation;
    private int count;
    private boolean busy;

    /**
     * This thread's set, emptied, or a fresh one when a query is already using it (a query made
     * from within a callback of another).
     */
    static VisitedKeys claim() {
      VisitedKeys v = VISITED.get();
      if (v.busy) {
        v = new VisitedKeys();
      }
      v.busy = true;
      v.count = 0;
      if (++v.generation == 0) {
        Arrays.fill(v.stamps, 0);
        v.generation = 1;
      }
      return v;
    }

    void release() {
      busy = false;
      if (keys.length > KEEP_AT_MOST) {
        keys = new long[INITIAL];
        stamps = new int[INITIAL];
        generation = 0;
      }
    }

    /** Adds {@code key}; true when it was not there yet. */
    boolean firstVisit(long key) {
      int mask = keys.length - 1;
      for (int i = home(key, mask); ; i = (i + 1) & mask) {
        if (stamps[i] != generation) {
          keys[i] = key;
          stamps[i] = generation;
          if (++count * 2 > keys.length) {
            grow();
          }
          return true;
        }
        if (keys[i] == key) {
          return false;
        }
      }
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldStamps = stamps;
      keys = new long[oldKeys.length * 2];
      stamps = new int[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldStamps[j] == generation) {
          int i = home(oldKeys[j], mask);
          while (stamps[i] == generation) {
            i = (i + 1) & mask;
          }
          keys[i] = oldKeys[j];
          stamps[i] = generation;
        }
      }
    }

    private static int home(long key, int mask) {
      return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }
  }
}
