package dev.herald.auth;

/**
 * Decides who may subscribe to and publish on an index and collection. Consulted on every
 * {@code realtime:subscribe}, {@code realtime:join} and {@code realtime:publish}, and to filter
 * {@code realtime:list}; a refusal gets Kuzzle's 401 (anonymous) or 403 error.
 *
 * <p>Implementations must be thread-safe and fast.
 */
public interface Authorizer {
  /** Everyone may do everything (the default). */
  static Authorizer allowAll() {
    return new Authorizer() {
      @Override
      public boolean canSubscribe(Identity who, String index, String collection) {
        return true;
      }

      @Override
      public boolean canPublish(Identity who, String index, String collection) {
        return true;
      }
    };
  }

  /** Only authenticated users may subscribe and publish, on any collection. */
  static Authorizer authenticatedOnly() {
    return new Authorizer() {
      @Override
      public boolean canSubscribe(Identity who, String index, String collection) {
        return !who.isAnonymous();
      }

      @Override
      public boolean canPublish(Identity who, String index, String collection) {
        return !who.isAnonymous();
      }
    };
  }

  boolean canSubscribe(Identity who, String index, String collection);

  boolean canPublish(Identity who, String index, String collection);
}
