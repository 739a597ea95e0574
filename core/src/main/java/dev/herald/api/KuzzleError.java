package dev.herald.api;

/**
 * The errors Herald answers with, with Kuzzle's ids, statuses and codes
 * ({@code code = domain << 24 | subdomain << 16 | n}). Herald's own limits use codes in ranges Kuzzle
 * leaves unused.
 */
public enum KuzzleError {
  ROOM_NOT_FOUND("core.realtime.room_not_found", 404, 0x00010001, "The room \"%s\" doesn't exist"),
  INVALID_STATE("core.realtime.invalid_state", 400, 0x00010003,
      "Invalid value for the \"state\" parameter (allowed: \"all\", \"done\", \"pending\")."),
  INVALID_SCOPE("core.realtime.invalid_scope", 400, 0x00010004,
      "Invalid value for the \"scope\" parameter (allowed: \"all\", \"in\", \"out\", \"none\")."),
  INVALID_USERS("core.realtime.invalid_users", 400, 0x00010005,
      "Invalid value for the \"users\" parameter (allowed: \"all\", \"in\", \"out\", \"none\")."),
  TOO_MANY_ROOMS("core.realtime.too_many_rooms", 413, 0x00010007,
      "Unable to subscribe: maximum number of unique rooms reached."),
  NOT_SUBSCRIBED("core.realtime.not_subscribed", 412, 0x00010008, "User \"%s\" has not subscribed to \"%s\"."),
  TOO_MANY_SUBSCRIPTIONS("core.realtime.too_many_subscriptions", 413, 0x00010101,
      "Unable to subscribe: maximum number of subscriptions per connection reached (max %s)."),
  UNEXPECTED_ERROR("core.fatal.unexpected_error", 500, 0x00000001, "Caught an unexpected error: %s"),
  INVALID_TYPE("api.assert.invalid_type", 400, 0x02010001, "Wrong type for argument \"%s\" (expected: %s)"),
  INVALID_ARGUMENT("api.assert.invalid_argument", 400, 0x02010002, "Invalid argument \"%s\". Expected: %s"),
  MISSING_ARGUMENT("api.assert.missing_argument", 400, 0x02010003, "Missing argument \"%s\"."),
  BODY_REQUIRED("api.assert.body_required", 400, 0x02010008, "The request must specify a body."),
  KONCORDE_DSL_ERROR("api.assert.koncorde_dsl_error", 400, 0x0201000e, "%s"),
  REQUEST_TOO_LARGE("api.assert.request_too_large", 413, 0x02010101,
      "The request is too large: %s bytes, the limit is %s."),
  TOO_DEEP("api.assert.too_deep", 400, 0x02010102, "%s"),
  OVERLOADED("api.process.overloaded", 503, 0x02020002,
      "Request discarded: the server is temporarily overloaded."),
  ACTION_NOT_FOUND("api.process.action_not_found", 404, 0x02020005, "API action \"%s\":\"%s\" not found"),
  SHUTTING_DOWN("network.entrypoint.shutting_down", 503, 0x03040003, "Rejected: instance is shutting down"),
  TOKEN_INVALID("security.token.invalid", 401, 0x07010001, "Invalid token."),
  TOKEN_EXPIRED("security.token.expired", 401, 0x07010006, "Token expired"),
  UNAUTHORIZED("security.rights.unauthorized", 401, 0x07030001,
      "Unauthorized: authentication required to execute the action \"%s:%s\"."),
  FORBIDDEN("security.rights.forbidden", 403, 0x07030002,
      "Insufficient permissions to execute the action \"%s:%s\" (User \"%s\").");

  private final String id;
  private final int status;
  private final int code;
  private final String template;

  KuzzleError(String id, int status, int code, String template) {
    this.id = id;
    this.status = status;
    this.code = code;
    this.template = template;
  }

  public String id() {
    return id;
  }

  public int status() {
    return status;
  }

  public int code() {
    return code;
  }

  /** The message, with {@code %s} placeholders filled in order. */
  public String template() {
    return template;
  }

  /** An exception for this error; {@code args} fill the placeholders and become the error's props. */
  public ApiException exception(Object... args) {
    return ApiException.of(this, args);
  }
}
