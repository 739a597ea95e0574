package dev.herald.realtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a subscription wants its notifications: document scope, user notifications, pending or done
 * changes, and the volatile data echoed in the user notifications it causes. Immutable.
 *
 * @param scope document notifications received (default {@link Scope#ALL})
 * @param users user notifications received (default {@link Users#NONE})
 * @param state pending or done changes (default {@link State#DONE})
 * @param volatileData echoed in the "in" and "out" user notifications of this subscription (may be null)
 */
public record SubscribeOptions(Scope scope, Users users, State state, Map<String, Object> volatileData) {
  public static final SubscribeOptions DEFAULTS = new SubscribeOptions(Scope.ALL, Users.NONE, State.DONE, null);

  public SubscribeOptions {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(state, "state");
    volatileData = volatileData == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(volatileData));
  }

  public SubscribeOptions withScope(Scope s) {
    return new SubscribeOptions(s, users, state, volatileData);
  }

  public SubscribeOptions withUsers(Users u) {
    return new SubscribeOptions(scope, u, state, volatileData);
  }

  public SubscribeOptions withState(State s) {
    return new SubscribeOptions(scope, users, s, volatileData);
  }

  public SubscribeOptions withVolatile(Map<String, Object> v) {
    return new SubscribeOptions(scope, users, state, v);
  }
}
