package dev.herald.internal.match;

/**
 * Something a {@link Posting} holds. Once {@link #dead}, it is never revived: a removed conjunction
 * or condition that comes back is a new object, so a reader holding an old one can tell.
 */
abstract class Member {
  volatile boolean dead;
}
