package dev.herald.api;

/**
 * Handles one controller action a host adds next to Herald's {@code realtime} controller (for
 * example {@code document:create}). Register it with {@link dev.herald.Herald.Builder#action}.
 *
 * <p>Handlers run on Herald's request executor, never on a transport thread, and may block. They
 * must be thread-safe.
 */
@FunctionalInterface
public interface ActionHandler {
  /**
   * @return the response's {@code result}: a JSON value built of maps, lists, strings, numbers,
   *     booleans and nulls
   * @throws ApiException to answer with an error
   */
  Object handle(Request request) throws Exception;
}
