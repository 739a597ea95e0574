package dev.herald.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An error answered to a request, in Kuzzle's shape: {@code {message, status, id, code, props}}.
 * Action handlers throw it; anything else they throw becomes a 500 {@code core.fatal.unexpected_error}.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String id;
  private final int code;
  private final List<String> props;

  /**
   * @param status HTTP-like status (400, 401, 403, 404, 412, 413, 500, 503...)
   * @param id Kuzzle-style {@code domain.subdomain.name}
   * @param code {@code domain << 24 | subdomain << 16 | n}
   * @param message for the client
   * @param props the values that filled the message's placeholders
   */
  public ApiException(int status, String id, int code, String message, List<String> props) {
    super(Objects.requireNonNull(message), null, false, false);
    this.status = status;
    this.id = Objects.requireNonNull(id);
    this.code = code;
    this.props = List.copyOf(props);
  }

  public static ApiException of(KuzzleError error, Object... args) {
    List<String> props = new ArrayList<>(args.length);
    for (Object a : args) {
      props.add(String.valueOf(a));
    }
    return new ApiException(error.status(), error.id(), error.code(),
        String.format(error.template(), props.toArray()), props);
  }

  public int status() {
    return status;
  }

  public String id() {
    return id;
  }

  public int code() {
    return code;
  }

  public List<String> props() {
    return props;
  }
}
