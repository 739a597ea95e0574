package dev.herald.auth;

/**
 * Turns the token a client sends (the request's {@code jwt}, or the body of {@code auth:checkToken})
 * into an {@link Identity}. Herald gives a connection the identity of the last valid token it sent,
 * and tells it {@code TokenExpired}, dropping its subscriptions, when that token expires.
 *
 * <p>Implementations must be thread-safe and fast (called for every request carrying a token);
 * they must not block on the network. Built-in: {@link JwtTokens}.
 */
@FunctionalInterface
public interface TokenVerifier {
  /**
   * @throws InvalidTokenException when the token is not valid now (with {@code expired()} true when
   *     it was valid and has expired)
   */
  Identity verify(String token) throws InvalidTokenException;
}
