package dev.herald.auth;

import java.util.Objects;

/**
 * Who a connection or request acts as: a user id ({@code kuid}) and when the token that proved it
 * expires. Immutable.
 *
 * @param kuid the user id; {@code "-1"} for anonymous, as Kuzzle
 * @param expiresAt when the token expires, epoch milliseconds; -1 for never (anonymous, API keys)
 */
public record Identity(String kuid, long expiresAt) {
  /** Nobody authenticated. */
  public static final Identity ANONYMOUS = new Identity("-1", -1);

  public Identity {
    Objects.requireNonNull(kuid, "kuid");
  }

  public boolean isAnonymous() {
    return "-1".equals(kuid);
  }

  /** Whether the token expires at some point. */
  public boolean expires() {
    return expiresAt >= 0;
  }
}
