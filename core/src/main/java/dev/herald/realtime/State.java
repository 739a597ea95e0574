package dev.herald.realtime;

/**
 * Whether a document notification announces a change about to happen ({@code PENDING}: the host
 * reported it before writing) or one that happened ({@code DONE}). As a subscription option,
 * {@code DONE} (the default) receives only changes that happened, {@code PENDING} only the announced
 * ones, {@code ALL} both.
 */
public enum State {
  ALL("all"),
  PENDING("pending"),
  DONE("done");

  private final String wire;

  State(String wire) {
    this.wire = wire;
  }

  public String wireName() {
    return wire;
  }

  public static State fromWire(String name) {
    for (State s : values()) {
      if (s.wire.equals(name)) {
        return s;
      }
    }
    return null;
  }

  public boolean accepts(State n) {
    return this == ALL || this == n;
  }
}
