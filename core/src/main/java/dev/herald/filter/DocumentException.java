package dev.herald.filter;

/** A document Herald cannot read: malformed JSON, nesting deeper than the limit, or an unsupported Java type. */
public class DocumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Why a document was refused. */
  public enum Reason {
    MALFORMED,
    TOO_DEEP,
    UNSUPPORTED_TYPE
  }

  private final Reason reason;

  public DocumentException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
