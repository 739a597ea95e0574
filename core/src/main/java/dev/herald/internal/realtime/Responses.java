package dev.herald.internal.realtime;

import dev.herald.api.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Kuzzle's response envelope, success or error. Thread-safe, stateless. */
final class Responses {
  private final String node;

  Responses(String node) {
    this.node = node;
  }

  byte[] success(RequestReader.Envelope env, Object result) {
    return write(env, 200, null, result);
  }

  byte[] error(RequestReader.Envelope env, ApiException error) {
    return write(env, error.status(), error, null);
  }

  private byte[] write(RequestReader.Envelope env, int status, ApiException error, Object result) {
    JsonOut out = new JsonOut();
    try {
      out.g.writeStartObject();
      out.field("requestId", env.requestIdOrNew());
      out.g.writeNumberField("status", status);
      if (error == null) {
        out.g.writeNullField("error");
      } else {
        out.g.writeObjectFieldStart("error");
        out.field("message", error.getMessage());
        out.g.writeNumberField("status", error.status());
        out.field("id", error.id());
        out.g.writeNumberField("code", error.code());
        out.field("props", (Object) error.props());
        out.g.writeEndObject();
      }
      out.field("controller", env.controller);
      out.field("action", env.action);
      out.field("index", env.index);
      out.field("collection", env.collection);
      out.field("volatile", (Object) (env.volatileData == null ? null : (Map<String, Object>) env.volatileData));
      out.field("node", node);
      out.field("result", result);
      out.g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toBytes();
  }
}
