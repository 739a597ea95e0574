/**
 * Herald's core: the filter language and matching engine, rooms and channels, the notifier and the
 * Kuzzle-compatible protocol. Only API packages are exported; RE2J is shaded into an internal package.
 */
module dev.herald.core {
  requires transitive dev.herald.transport;
  requires com.fasterxml.jackson.core;
  requires transitive com.github.benmanes.caffeine; // Herald.Builder#ticker takes Caffeine's Ticker
  requires org.slf4j;
  requires static jjwt.api;

  exports dev.herald;
  exports dev.herald.api;
  exports dev.herald.auth;
  exports dev.herald.filter;
  exports dev.herald.realtime;
}
