package dev.herald.realtime;

import java.util.Objects;

/**
 * A room plus notification options: notifications are addressed to channels. Every distinct option
 * set has its own channel, whose id is {@code <roomId>-<suffix>}. Immutable.
 */
public final class Channel {
  private final String id;
  private final String roomId;
  private final Scope scope;
  private final Users users;
  private final State state;

  public Channel(String id, String roomId, Scope scope, Users users, State state) {
    this.id = Objects.requireNonNull(id);
    this.roomId = Objects.requireNonNull(roomId);
    this.scope = Objects.requireNonNull(scope);
    this.users = Objects.requireNonNull(users);
    this.state = Objects.requireNonNull(state);
  }

  /** The channel id for a room and option set: distinct for every option set. */
  public static String id(String roomId, Scope scope, Users users, State state) {
    return roomId + "-" + (users.ordinal() + 1) + (scope.ordinal() + 1) + (state.ordinal() + 1);
  }

  public String id() {
    return id;
  }

  public String roomId() {
    return roomId;
  }

  public Scope scope() {
    return scope;
  }

  public Users users() {
    return users;
  }

  public State state() {
    return state;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Channel && ((Channel) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Channel[" + id + " scope=" + scope.wireName() + " users=" + users.wireName() + " state="
        + state.wireName() + "]";
  }
}
