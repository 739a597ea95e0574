package dev.herald.auth;

import dev.herald.internal.auth.JwtSupport;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Verifies (and, for hosts that issue them, signs) HS256 JSON Web Tokens in Kuzzle's shape: the
 * user id in the {@code _id} claim (or {@code sub}), the expiry in {@code exp}. The signature and
 * the expiry are checked against the injected clock.
 *
 * <p>Needs {@code io.jsonwebtoken:jjwt-impl} on the class path at run time (Herald's core declares
 * only {@code jjwt-api}, optionally); JSON goes through jackson-core. Thread-safe.
 */
public final class JwtTokens implements TokenVerifier {
  private final JwtSupport support;

  private JwtTokens(JwtSupport support) {
    this.support = support;
  }

  /**
   * Tokens signed with HMAC-SHA256 and this secret (at least 32 bytes).
   *
   * @throws IllegalStateException when jjwt is not on the class path
   * @throws IllegalArgumentException when the secret is too short
   */
  public static JwtTokens hmacSha256(byte[] secret, Clock clock) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(clock, "clock");
    if (secret.length < 32) {
      throw new IllegalArgumentException("an HS256 secret needs at least 32 bytes, got " + secret.length);
    }
    try {
      return new JwtTokens(new JwtSupport(secret, clock));
    } catch (NoClassDefFoundError | ExceptionInInitializerError e) {
      throw new IllegalStateException("JwtTokens needs io.jsonwebtoken:jjwt-api and jjwt-impl on the class path", e);
    } catch (RuntimeException e) {
      if (e.getClass().getName().startsWith("io.jsonwebtoken.lang.UnknownClassException")) {
        throw new IllegalStateException("JwtTokens needs io.jsonwebtoken:jjwt-impl on the class path", e);
      }
      throw e;
    }
  }

  public static JwtTokens hmacSha256(byte[] secret) {
    return hmacSha256(secret, Clock.systemUTC());
  }

  /** A token for this user, valid for {@code ttl} from now. */
  public String sign(String kuid, Duration ttl) {
    Objects.requireNonNull(kuid, "kuid");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, got " + ttl);
    }
    return support.sign(kuid, ttl);
  }

  @Override
  public Identity verify(String token) throws InvalidTokenException {
    if (token == null || token.isEmpty()) {
      throw new InvalidTokenException("Invalid token.", false);
    }
    return support.verify(token);
  }
}
