package dev.herald.filter;

/**
 * A filter Herald refuses. The message names the offending keyword or field first, as a dotted path
 * of keywords and field names in quotes (for example {@code "range.age.gt": must be a number}), like
 * Koncorde's, so a client can tell which part of a large filter is wrong.
 */
public class FilterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a filter was refused. */
  public enum Reason {
    /** The filter does not follow the filter language. */
    INVALID,
    /** The filter holds more conditions than the engine's {@code maxConditions}. */
    TOO_MANY_CONDITIONS,
    /** The filter's normal form (an OR of ANDs) has more terms than the engine's {@code maxConjunctions}. */
    TOO_MANY_CONJUNCTIONS,
    /** The filter JSON nests deeper than the engine's {@code maxDepth}. */
    TOO_DEEP
  }

  private final Reason reason;
  private final String path;

  public FilterException(Reason reason, String path, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.path = path;
  }

  public Reason reason() {
    return reason;
  }

  /** The dotted path of the offending keyword or field ({@code "and.equals.a"}), or "" for the whole filter. */
  public String path() {
    return path;
  }
}
