/**
 * Herald's core: the filter language and matching engine, rooms and channels, the notifier and the
 * Kuzzle-compatible protocol. Only API packages are exported; RE2J is shaded into an internal package.
 */
module dev.herald.core {
  requires transitive dev.herald.transport;
  requires com.fasterxml.jackson.core;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;
  requires static jjwt.api;

  exports dev.herald.filter;
}
