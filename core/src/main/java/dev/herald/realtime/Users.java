package dev.herald.realtime;

/**
 * Which user notifications a subscription receives: {@code IN} when another subscriber enters its
 * room, {@code OUT} when one leaves, {@code ALL} both, {@code NONE} (the default) neither.
 */
public enum Users {
  ALL("all"),
  IN("in"),
  OUT("out"),
  NONE("none");

  private final String wire;

  Users(String wire) {
    this.wire = wire;
  }

  public String wireName() {
    return wire;
  }

  public static Users fromWire(String name) {
    for (Users u : values()) {
      if (u.wire.equals(name)) {
        return u;
      }
    }
    return null;
  }

  /** Whether a subscription with this option receives a user notification of kind {@code n} (IN or OUT). */
  public boolean accepts(Users n) {
    return this == ALL || this == n;
  }
}
