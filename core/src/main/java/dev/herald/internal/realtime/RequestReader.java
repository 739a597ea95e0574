package dev.herald.internal.realtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.herald.api.ApiException;
import dev.herald.api.KuzzleError;
import dev.herald.auth.Identity;
import dev.herald.internal.json.JsonException;
import dev.herald.internal.json.JsonReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads one request frame in Kuzzle's JSON envelope with jackson-core streaming. Every top-level key
 * outside the envelope is kept as an argument (unknown ones are ignored by the actions). Thread-safe.
 */
final class RequestReader {
  private final JsonReader values;

  RequestReader(int maxDepth) {
    this.values = new JsonReader(maxDepth, false);
  }

  /** What is known of a request, echoed in its response, good or bad. */
  static final class Envelope {
    String requestId;
    String controller;
    String action;
    String index;
    String collection;
    String id;
    String jwt;
    Object body;
    Map<String, Object> volatileData;
    final Map<String, Object> args = new LinkedHashMap<>();

    String requestIdOrNew() {
      if (requestId == null) {
        requestId = UUID.randomUUID().toString();
      }
      return requestId;
    }
  }

  /** A request that could not be read, with what was read of its envelope. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Envelope envelope;
    final ApiException error;

    BadRequest(Envelope envelope, ApiException error) {
      super(error.getMessage(), null, false, false);
      this.envelope = envelope;
      this.error = error;
    }
  }

  Envelope read(byte[] frame) throws BadRequest {
    return read(() -> JsonReader.FACTORY.createParser(frame));
  }

  Envelope read(String frame) throws BadRequest {
    return read(() -> JsonReader.FACTORY.createParser(frame));
  }

  private interface ParserSource {
    JsonParser open() throws IOException;
  }

  private Envelope read(ParserSource source) throws BadRequest {
    Envelope env = new Envelope();
    try (JsonParser p = source.open()) {
      read(p, env);
    } catch (IOException e) {
      throw malformed(env, e);
    }
    return env;
  }

  private void read(JsonParser p, Envelope env) throws IOException, BadRequest {
    JsonToken first = p.nextToken();
    if (first != JsonToken.START_OBJECT) {
      throw new BadRequest(env, KuzzleError.INVALID_ARGUMENT.exception("request", "a JSON object"));
    }
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      if (t != JsonToken.FIELD_NAME) {
        throw new BadRequest(env, KuzzleError.INVALID_ARGUMENT.exception("request", "a JSON object"));
      }
      String key = p.currentName();
      p.nextToken();
      Object value;
      try {
        value = values.readValue(p, 1);
      } catch (JsonException e) {
        ApiException err = e.reason() == JsonException.Reason.TOO_DEEP
            ? KuzzleError.TOO_DEEP.exception("the request is nested too deeply: " + e.getMessage())
            : KuzzleError.INVALID_ARGUMENT.exception("request", "a JSON object (" + e.getMessage() + ")");
        throw new BadRequest(env, err);
      }
      switch (key) {
        case "requestId":
          env.requestId = value == null ? null : String.valueOf(value);
          break;
        case "controller":
          env.controller = string(env, key, value);
          break;
        case "action":
          env.action = string(env, key, value);
          break;
        case "index":
          env.index = string(env, key, value);
          break;
        case "collection":
          env.collection = string(env, key, value);
          break;
        case "_id":
          env.id = value == null ? null : string(env, key, value);
          break;
        case "jwt":
          env.jwt = value == null ? null : string(env, key, value);
          break;
        case "body":
          env.body = value;
          break;
        case "volatile":
          if (value != null && !(value instanceof Map)) {
            throw new BadRequest(env, KuzzleError.INVALID_TYPE.exception("volatile", "object"));
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> v = (Map<String, Object>) value;
          env.volatileData = v;
          break;
        default:
          env.args.put(key, value);
      }
    }
    if (p.nextToken() != null) {
      throw new BadRequest(env, KuzzleError.INVALID_ARGUMENT.exception("request", "a single JSON object"));
    }
    if (env.controller == null) {
      throw new BadRequest(env, KuzzleError.MISSING_ARGUMENT.exception("controller"));
    }
    if (env.action == null) {
      throw new BadRequest(env, KuzzleError.MISSING_ARGUMENT.exception("action"));
    }
  }

  private static String string(Envelope env, String key, Object value) throws BadRequest {
    if (value instanceof String) {
      return (String) value;
    }
    throw new BadRequest(env, KuzzleError.INVALID_TYPE.exception(key, "string"));
  }

  private static BadRequest malformed(Envelope env, IOException e) {
    String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException
        ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage()
        : e.getMessage();
    return new BadRequest(env,
        KuzzleError.INVALID_ARGUMENT.exception("request", "a JSON object (malformed JSON: " + message + ")"));
  }

  static dev.herald.api.Request toRequest(Envelope env, String protocol, String connectionId, Identity identity,
      long timestamp) {
    return new dev.herald.api.Request(env.controller, env.action, env.requestIdOrNew(), env.index, env.collection,
        env.id, env.body, env.args, env.volatileData, env.jwt, protocol, connectionId, identity, timestamp);
  }
}
