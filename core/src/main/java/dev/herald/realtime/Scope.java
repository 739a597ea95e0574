package dev.herald.realtime;

/**
 * Which document notifications a subscription receives, and which kind a notification is:
 * {@code IN}, a document now matches the filter (created, updated into scope, published);
 * {@code OUT}, a document matched and no longer does (updated out of scope, deleted).
 */
public enum Scope {
  ALL("all"),
  IN("in"),
  OUT("out"),
  NONE("none");

  private final String wire;

  Scope(String wire) {
    this.wire = wire;
  }

  /** The name on the wire. */
  public String wireName() {
    return wire;
  }

  /** The value for a wire name, or null when there is none. */
  public static Scope fromWire(String name) {
    for (Scope s : values()) {
      if (s.wire.equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** Whether a subscription with this option receives a notification of scope {@code n}. */
  public boolean accepts(Scope n) {
    return this == ALL || this == n;
  }
}
