package dev.herald.api;

import dev.herald.auth.Identity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The request that caused a document change, echoed in its notifications: its id, when it was
 * received, its volatile data, protocol and controller, and who sent it. Immutable.
 *
 * @param requestId the request's id (null for a change no request caused)
 * @param timestamp when the request was received, epoch milliseconds
 * @param volatileData the request's volatile data (may be null)
 * @param protocol the protocol it came by ({@code websocket}, {@code mqtt}, {@code http}...; may be null)
 * @param controller its controller ({@code document}...; may be null)
 * @param user who sent it
 */
public record RequestContext(String requestId, long timestamp, Map<String, Object> volatileData, String protocol,
    String controller, Identity user) {
  public RequestContext {
    volatileData = volatileData == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(volatileData));
    Objects.requireNonNull(user, "user");
  }

  /** A change made by the host itself, not caused by a client request. */
  public static RequestContext internal(long timestamp) {
    return new RequestContext(null, timestamp, null, null, null, Identity.ANONYMOUS);
  }
}
