package dev.herald.realtime;

import dev.herald.filter.Filter;
import java.util.Objects;

/**
 * An index, a collection and a normalized filter: every subscriber with an equivalent filter on the
 * same collection shares the room. Its id is deterministic (the same on every node and after a
 * restart) and distinct for every collection. Immutable.
 */
public final class Room {
  private final String id;
  private final String index;
  private final String collection;
  private final Filter filter;

  public Room(String id, String index, String collection, Filter filter) {
    this.id = Objects.requireNonNull(id);
    this.index = Objects.requireNonNull(index);
    this.collection = Objects.requireNonNull(collection);
    this.filter = Objects.requireNonNull(filter);
  }

  public String id() {
    return id;
  }

  public String index() {
    return index;
  }

  public String collection() {
    return collection;
  }

  public Filter filter() {
    return filter;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Room && ((Room) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Room[" + id + " " + index + "/" + collection + " " + filter + "]";
  }
}
