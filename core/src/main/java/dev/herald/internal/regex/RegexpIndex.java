package dev.herald.internal.regex;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * Finds the items whose pattern matches a string without running every pattern: patterns are
 * deduplicated, and each is filed under a literal it requires (see {@link LiteralPlan}), case-folded
 * for {@code i}; only candidates whose literal occurs in the string are looked at. Patterns without a
 * usable literal are always looked at. A candidate is decided by its literal alone when its plan
 * allows ({@code ^literal}, {@code literal$}, {@code ^prefix.*} and the like), else its literal check
 * is verified and RE2J runs.
 *
 * <p>Filing:
 * <ul>
 *   <li>An anchored pattern goes under its literal prefix, up to {@link #MAX_PREFIX} characters, in
 *       one table per prefix length (raw and folded): prefixes of up to 4 characters keyed exactly
 *       (16 bits per character), longer ones by a 64-bit hash, verified by the check literal so that
 *       a collision only lets an extra candidate through. Only patterns whose prefixes agree on
 *       more than {@code MAX_PREFIX} characters share a key, and so are all candidates for a string
 *       starting with those.</li>
 *   <li>Any other pattern with a literal run of at least {@link #LONG_GRAM} characters goes under one
 *       {@code LONG_GRAM}-character substring of such a run (hashed, and verified likewise); with
 *       shorter runs only (3 or more characters), under one trigram (keyed exactly). Among the
 *       substrings a pattern could go under, the writer picks the one whose bucket holds the fewest
 *       patterns at the time, then the one made of the rarest characters: patterns sharing most of
 *       their text spread over the substrings where they differ. The choice is kept in the entry.
 *       Registering costs one probe per position of the pattern's runs.</li>
 * </ul>
 *
 * <p>Thread-safety: any number of threads may {@link #query} while one thread at a time adds or
 * removes (the caller serializes writers). Queries take no lock and never wait for a writer: every
 * structure they read is an immutable view or an append-only array published through a volatile
 * field or a release write (the tables of prefix lengths are created once and never dropped, and
 * announced by a volatile bitmask written after them). A query running concurrently with a writer
 * sees, for each pattern, either its items before or after the change.
 *
 * <p>Cost of a query on a string of length n: one table probe per prefix length in use (raw and
 * folded; at most {@code MAX_PREFIX} each, after hashing the string's first characters up to the
 * longest length in use), plus, when substrings are filed, one or two probes per position and kind
 * in use (trigram, long substring) (or, for long strings when few substrings are filed, one search
 * per filed substring), plus, per candidate, a literal comparison and, unless the literal decides,
 * a literal check and one RE2J run; always-run patterns are looked at every time. Equal patterns
 * share one entry, looked at at most once per query. Memory: one compiled pattern per distinct
 * pattern plus a few slots per item, and a table per prefix length in use.
 *
 * <p>Items are kept by {@code equals}: adding an item already present under an equal pattern does
 * nothing. An item added under two different patterns is reported once per matching pattern.
 */
public final class RegexpIndex<T> {
  /** Strings at least this long may be searched key by key instead of position by position. */
  static final int KEY_SEARCH_MIN_LENGTH = 1024;
  /** Key-by-key search is chosen when the string is this many times longer than the key count. */
  static final int KEY_SEARCH_RATIO = 64;
  /**
   * Longest prefix a pattern is filed under; the check verifies a longer prefix up to
   * {@code 2 * MAX_CHECK} characters, the decision or RE2J the rest.
   */
  static final int MAX_PREFIX = 32;
  /** Length of the hashed substrings that runs of at least this many characters are filed under. */
  static final int LONG_GRAM = 8;
  /** Longest check searched for anywhere in a string (twice that for a prefix): keeps it cheap. */
  static final int MAX_CHECK = 32;
  /** Prefixes up to this length are keyed exactly, 16 bits per character. */
  private static final int PACKED_PREFIX = 4;

  // Substring keys: trigrams are their three characters (48 bits), with bit 48 for folded ones;
  // long substrings are a hash with bit 63 set, and bit 62 for folded ones. The kinds never collide.
  private static final long FOLDED_TRIGRAM = 1L << 48;
  private static final long TRIGRAM_MASK = (1L << 48) - 1;
  private static final long LONG_GRAM_TAG = 1L << 63;
  private static final long FOLDED_LONG_GRAM = 1L << 62;
  private static final long LONG_GRAM_HASH_BITS = (1L << 62) - 1;
  // Bits of gramKinds, and indexes of gramEntries.
  private static final int RAW_TRIGRAMS = 0;
  private static final int FOLDED_TRIGRAMS = 1;
  private static final int RAW_LONG_GRAMS = 2;
  private static final int FOLDED_LONG_GRAMS = 3;

  private static final long HASH_SEED = 0x6A09E667F3BCC908L;
  private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;
  private static final ThreadLocal<VisitedKeys> VISITED = ThreadLocal.withInitial(VisitedKeys::new);

  /** Runs a pattern on a string: {@link RegexpPattern#matches}, or a counting stand-in in tests. */
  private final BiPredicate<RegexpPattern, String> evaluator;
  /** ANDed into every hashed key: all ones, or fewer bits in tests, to force collisions. */
  private final long hashMask;
  /** Writer-only: the entry of each distinct pattern. */
  private final HashMap<RegexpPattern, Entry> entries = new HashMap<>();
  private volatile int entryCount;

  private volatile Snapshot always = Snapshot.EMPTY;
  /**
   * Indexed by {@link #prefixSlot}; created by the writer on first use, never dropped. Values are
   * snapshots of entries.
   */
  private final LongKeyTable<Snapshot>[] prefixes;
  /** Bit L set when raw (folded) prefixes of length L are filed. Written after the table. */
  private volatile long rawPrefixLengths;
  private volatile long foldedPrefixLengths;
  /** Trigrams and long substrings, raw and folded, keyed as above; values are snapshots of entries. */
  private final LongKeyTable<Snapshot> grams = new LongKeyTable<>(Snapshot.EMPTY);
  /** Bit K set when substrings of kind K are filed: a query computes only the kinds in use. */
  private volatile int gramKinds;
  /** Writer-only: entries filed per substring kind. */
  private final int[] gramEntries = new int[4];

  /** A distinct pattern, where it is filed, and its items. Immutable but for its items. */
  private static final class Entry {
    final RegexpPattern pattern;
    final LiteralPlan plan;
    /** The table and key it is filed under (null table: always run). */
    final LongKeyTable<Snapshot> table;
    final long key;
    /** For a prefix, its length; for a substring, its kind. */
    final int slot;
    /** For a substring, its characters (folded for {@code i}); else null. */
    final String gram;
    /**
     * A literal to verify before running RE2J, or null when the key already proves it: the string
     * starts with it (prefix) or contains it (substring).
     */
    final String check;
    /** Items, in order of addition. */
    volatile Snapshot items = Snapshot.EMPTY;

    Entry(RegexpPattern pattern, LiteralPlan plan, LongKeyTable<Snapshot> table, long key, int slot, String gram,
        String check) {
      this.pattern = pattern;
      this.plan = plan;
      this.table = table;
      this.key = key;
      this.slot = slot;
      this.gram = gram;
      this.check = check;
    }

    boolean matches(String value, BiPredicate<RegexpPattern, String> evaluator) {
      if (plan.decision != null) {
        return plan.decide(value);
      }
      if (check != null) {
        boolean present = plan.route == LiteralPlan.Route.PREFIX
            ? CaseFold.startsWith(value, check, plan.folded)
            : CaseFold.contains(value, check, plan.folded);
        if (!present) {
          return false;
        }
      }
      return evaluator.test(pattern, value);
    }
  }

  public RegexpIndex() {
    this(RegexpPattern::matches);
  }

  RegexpIndex(BiPredicate<RegexpPattern, String> evaluator) {
    this(evaluator, -1L);
  }

  /** @param hashMask ANDed into hashed keys; tests pass 0 to make every hashed key collide */
  @SuppressWarnings("unchecked")
  RegexpIndex(BiPredicate<RegexpPattern, String> evaluator, long hashMask) {
    this.evaluator = evaluator;
    this.hashMask = hashMask;
    prefixes = new LongKeyTable[2 * (MAX_PREFIX + 1)];
  }

  /** Writer only. Files {@code item} under {@code pattern}; a no-op when it is already there. */
  public void add(T item, RegexpPattern pattern) {
    Objects.requireNonNull(item, "item");
    Entry e = entries.get(pattern);
    if (e == null) {
      e = place(pattern, LiteralPlan.of(pattern));
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
    long rawLengths = rawPrefixLengths;
    long foldedLengths = foldedPrefixLengths;
    if ((rawLengths | foldedLengths) != 0) {
      queryPrefixes(value, rawLengths, foldedLengths, hits);
    }
    int kinds = gramKinds;
    if (kinds != 0 && value.length() >= 3) {
      queryGrams(value, kinds, hits);
    }
  }

  public boolean isEmpty() {
    return entryCount == 0;
  }

  /** Distinct patterns held. */
  int patternCount() {
    return entryCount;
  }

  /** Writer only, for tests: what {@code pattern} is filed under (prefix or substring), or null. */
  String filedUnder(RegexpPattern pattern) {
    Entry e = entries.get(pattern);
    if (e == null || e.table == null) {
      return null;
    }
    return e.gram != null ? e.gram : e.plan.prefix.substring(0, e.slot);
  }

  private static int prefixSlot(boolean folded, int length) {
    return (folded ? MAX_PREFIX + 1 : 0) + length;
  }

  /** One step of the prefix hash: FNV-1a's shape, with a multiplier that spreads 16-bit characters. */
  private static long hashStep(long hash, char c) {
    return (hash ^ c) * HASH_MULTIPLIER;
  }

  private void queryPrefixes(String value, long rawLengths, long foldedLengths, Consumer<? super T> hits) {
    int n = Math.min(value.length(), 63 - Long.numberOfLeadingZeros(rawLengths | foldedLengths));
    long rawPacked = 0;
    long rawHash = HASH_SEED;
    long foldedPacked = 0;
    long foldedHash = HASH_SEED;
    for (int len = 1; len <= n; len++) {
      char c = value.charAt(len - 1);
      if (rawLengths != 0) {
        rawPacked = (rawPacked << 16) | c;
        rawHash = hashStep(rawHash, c);
        if ((rawLengths & (1L << len)) != 0) {
          long key = len <= PACKED_PREFIX ? rawPacked : rawHash & hashMask;
          visitAll(prefixes[prefixSlot(false, len)].get(key), value, hits);
        }
      }
      if (foldedLengths != 0) {
        char f = CaseFold.fold(c);
        foldedPacked = (foldedPacked << 16) | f;
        foldedHash = hashStep(foldedHash, f);
        if ((foldedLengths & (1L << len)) != 0) {
          long key = len <= PACKED_PREFIX ? foldedPacked : foldedHash & hashMask;
          visitAll(prefixes[prefixSlot(true, len)].get(key), value, hits);
        }
      }
    }
  }

  private void queryGrams(String value, int kinds, Consumer<? super T> hits) {
    int n = value.length();
    if (n >= KEY_SEARCH_MIN_LENGTH && (long) grams.size() * KEY_SEARCH_RATIO <= n) {
      searchEachKey(value, kinds, hits);
      return;
    }
    boolean rawTrigrams = (kinds & (1 << RAW_TRIGRAMS)) != 0;
    boolean foldedTrigrams = (kinds & (1 << FOLDED_TRIGRAMS)) != 0;
    boolean rawLong = (kinds & (1 << RAW_LONG_GRAMS)) != 0;
    boolean foldedLong = (kinds & (1 << FOLDED_LONG_GRAMS)) != 0;
    boolean wantRaw = rawTrigrams || rawLong;
    boolean wantFolded = foldedTrigrams || foldedLong;
    // A substring may occur many times, but its entries must be looked at once: hits go through a
    // set of visited keys, claimed only once something is found, so most queries never touch it.
    VisitedKeys visited = null;
    try {
      // The last 8 characters, 16 bits each: the 4 newest in *Low, the 4 before in *High.
      long rawLow = 0;
      long rawHigh = 0;
      long foldedLow = 0;
      long foldedHigh = 0;
      for (int i = 0; i < n; i++) {
        char c = value.charAt(i);
        if (wantRaw) {
          rawHigh = (rawHigh << 16) | (rawLow >>> 48);
          rawLow = (rawLow << 16) | c;
        }
        if (wantFolded) {
          foldedHigh = (foldedHigh << 16) | (foldedLow >>> 48);
          foldedLow = (foldedLow << 16) | CaseFold.fold(c);
        }
        if (i < 2) {
          continue;
        }
        if (rawTrigrams) {
          visited = probeGram(rawLow & TRIGRAM_MASK, visited, value, hits);
        }
        if (foldedTrigrams) {
          visited = probeGram((foldedLow & TRIGRAM_MASK) | FOLDED_TRIGRAM, visited, value, hits);
        }
        if (i < LONG_GRAM - 1) {
          continue;
        }
        if (rawLong) {
          visited = probeGram(longGramKey(rawHigh, rawLow, false), visited, value, hits);
        }
        if (foldedLong) {
          visited = probeGram(longGramKey(foldedHigh, foldedLow, true), visited, value, hits);
        }
      }
    } finally {
      if (visited != null) {
        visited.release();
      }
    }
  }

  /** The key of the long substring whose characters are packed in {@code high} then {@code low}. */
  private long longGramKey(long high, long low, boolean folded) {
    long h = high * HASH_MULTIPLIER + low;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L;
    h ^= h >>> 29;
    return (h & hashMask & LONG_GRAM_HASH_BITS) | LONG_GRAM_TAG | (folded ? FOLDED_LONG_GRAM : 0);
  }

  /** Looks at the entries filed under {@code key} unless done already; returns the visited set. */
  private VisitedKeys probeGram(long key, VisitedKeys visited, String value, Consumer<? super T> hits) {
    Snapshot bucket = grams.get(key);
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

  /** Looks for each filed substring in the string, instead of looking up each of its positions. */
  private void searchEachKey(String value, int kinds, Consumer<? super T> hits) {
    boolean wantFolded = (kinds & (1 << FOLDED_TRIGRAMS | 1 << FOLDED_LONG_GRAMS)) != 0;
    String folded = wantFolded ? CaseFold.foldAll(value) : null;
    grams.forEach((key, bucket) -> {
      // The entries of a bucket share one substring, unless hashes collided: search each distinct one.
      String searched = null;
      for (int i = 0; i < bucket.size; i++) {
        Entry e = (Entry) bucket.elements[i];
        if (e.gram.equals(searched)) {
          continue;
        }
        searched = e.gram;
        String text = e.plan.folded ? folded : value;
        if (text != null && text.contains(e.gram)) {
          visitAll(bucket, value, hits);
          return;
        }
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

  /** Chooses where a new pattern goes, and its check. */
  private Entry place(RegexpPattern pattern, LiteralPlan plan) {
    switch (plan.route) {
      case PREFIX: {
        String prefix = plan.prefix;
        int length = Math.min(MAX_PREFIX, prefix.length());
        long packed = 0;
        long hash = HASH_SEED;
        for (int i = 0; i < length; i++) {
          packed = (packed << 16) | prefix.charAt(i);
          hash = hashStep(hash, prefix.charAt(i));
        }
        long key = length <= PACKED_PREFIX ? packed : hash & hashMask;
        String check = prefix.length() > PACKED_PREFIX
            ? prefix.substring(0, Math.min(prefix.length(), 2 * MAX_CHECK))
            : null;
        int slot = prefixSlot(plan.folded, length);
        if (prefixes[slot] == null) {
          prefixes[slot] = new LongKeyTable<>(Snapshot.EMPTY); // published by the length bitmask
        }
        return new Entry(pattern, plan, prefixes[slot], key, length, null, check);
      }
      case SUBSTRING:
        return placeSubstring(pattern, plan);
      default:
        return new Entry(pattern, plan, null, 0, 0, null, null);
    }
  }

  private Entry placeSubstring(RegexpPattern pattern, LiteralPlan plan) {
    int gramLength = 3;
    for (String run : plan.runs) {
      if (run.length() >= LONG_GRAM) {
        gramLength = LONG_GRAM;
      }
    }
    String bestRun = null;
    int bestAt = -1;
    long bestKey = 0;
    int bestLoad = Integer.MAX_VALUE;
    int bestRarity = -1;
    for (String run : plan.runs) {
      for (int at = 0; at + gramLength <= run.length(); at++) {
        long key = gramKey(run, at, gramLength, plan.folded);
        Snapshot bucket = grams.get(key);
        int load = bucket == null ? 0 : bucket.size;
        if (load > bestLoad) {
          continue;
        }
        int rarity = 0;
        for (int i = at; i < at + gramLength; i++) {
          rarity += LiteralPlan.rarity(run.charAt(i));
        }
        if (load < bestLoad || rarity > bestRarity) {
          bestRun = run;
          bestAt = at;
          bestKey = key;
          bestLoad = load;
          bestRarity = rarity;
        }
      }
    }
    String check = null;
    if (bestRun.length() > 3) {
      int from = Math.max(0, Math.min(bestAt, bestRun.length() - MAX_CHECK));
      check = bestRun.substring(from, Math.min(bestRun.length(), from + MAX_CHECK));
    }
    int kind = gramLength == 3
        ? (plan.folded ? FOLDED_TRIGRAMS : RAW_TRIGRAMS)
        : (plan.folded ? FOLDED_LONG_GRAMS : RAW_LONG_GRAMS);
    String gram = bestRun.substring(bestAt, bestAt + gramLength);
    return new Entry(pattern, plan, grams, bestKey, kind, gram, check);
  }

  private long gramKey(String run, int at, int length, boolean folded) {
    if (length == 3) {
      long key = ((long) run.charAt(at) << 32) | ((long) run.charAt(at + 1) << 16) | run.charAt(at + 2);
      return folded ? key | FOLDED_TRIGRAM : key;
    }
    long high = 0;
    long low = 0;
    for (int i = at; i < at + LONG_GRAM; i++) {
      high = (high << 16) | (low >>> 48);
      low = (low << 16) | run.charAt(i);
    }
    return longGramKey(high, low, folded);
  }

  private void file(Entry e) {
    switch (e.plan.route) {
      case PREFIX: {
        addTo(e.table, e.key, e);
        int length = e.slot;
        if (e.plan.folded) {
          foldedPrefixLengths |= 1L << length;
        } else {
          rawPrefixLengths |= 1L << length;
        }
        break;
      }
      case SUBSTRING:
        addTo(grams, e.key, e);
        if (gramEntries[e.slot]++ == 0) {
          gramKinds |= 1 << e.slot;
        }
        break;
      default:
        always = always.with(e);
    }
  }

  private void unfile(Entry e) {
    switch (e.plan.route) {
      case PREFIX:
        removeFrom(e.table, e.key, e);
        if (e.table.size() == 0) {
          if (e.plan.folded) {
            foldedPrefixLengths &= ~(1L << e.slot);
          } else {
            rawPrefixLengths &= ~(1L << e.slot);
          }
        }
        break;
      case SUBSTRING:
        removeFrom(grams, e.key, e);
        if (--gramEntries[e.slot] == 0) {
          gramKinds &= ~(1 << e.slot);
        }
        break;
      default:
        always = always.without(e);
    }
  }

  private static void addTo(LongKeyTable<Snapshot> t, long key, Entry e) {
    Snapshot b = t.get(key);
    t.put(key, (b == null ? Snapshot.EMPTY : b).with(e));
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
