package dev.herald.auth;

/** A token a {@link TokenVerifier} refuses: malformed, badly signed, or expired. */
public class InvalidTokenException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean expired;

  public InvalidTokenException(String message, boolean expired) {
    super(message, null, false, false);
    this.expired = expired;
  }

  /** Whether the token was valid but has expired. */
  public boolean expired() {
    return expired;
  }
}
