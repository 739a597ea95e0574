package dev.herald.internal.json;

/** A JSON text or tree Herald cannot take: malformed, nested too deep, or of an unsupported type. */
public final class JsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the input was refused. */
  public enum Reason {
    MALFORMED,
    TOO_DEEP,
    UNSUPPORTED_TYPE,
    DUPLICATE_KEY
  }

  private final Reason reason;

  public JsonException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
