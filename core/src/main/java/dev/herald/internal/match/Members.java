package dev.herald.internal.match;

/** A standalone {@link Posting}: the conditions of an index key, of a path, the always-candidates. */
final class Members extends Posting {}
