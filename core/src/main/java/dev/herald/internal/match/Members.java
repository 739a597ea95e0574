package dev.herald.internal.match;

/**
 * A standalone {@link Posting}: the conditions scanned at a path, those of a select query, the
 * always-candidates. (Those of an index key are a {@link KeyPosting}.)
 */
final class Members extends Posting {}
