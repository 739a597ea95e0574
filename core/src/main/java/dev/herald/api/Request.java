package dev.herald.api;

import dev.herald.auth.Identity;
import java.util.Map;

/**
 * One request in Kuzzle's JSON envelope, as an action handler sees it. Every top-level key other
 * than the envelope's ({@code controller, action, requestId, jwt, volatile, index, collection, _id,
 * body}) is an argument. JSON values are immutable maps, lists, strings, canonical numbers
 * ({@code Long}, {@code Double}, {@code BigInteger}), booleans and nulls. Immutable.
 */
public final class Request {
  private final String controller;
  private final String action;
  private final String requestId;
  private final String index;
  private final String collection;
  private final String id;
  private final Object body;
  private final Map<String, Object> args;
  private final Map<String, Object> volatileData;
  private final String jwt;
  private final String protocol;
  private final String connectionId;
  private final Identity identity;
  private final long timestamp;

  /** For Herald and for tests of action handlers. */
  public Request(String controller, String action, String requestId, String index, String collection, String id,
      Object body, Map<String, Object> args, Map<String, Object> volatileData, String jwt, String protocol,
      String connectionId, Identity identity, long timestamp) {
    this.controller = controller;
    this.action = action;
    this.requestId = requestId;
    this.index = index;
    this.collection = collection;
    this.id = id;
    this.body = body;
    this.args = args == null ? Map.of() : args;
    this.volatileData = volatileData;
    this.jwt = jwt;
    this.protocol = protocol;
    this.connectionId = connectionId;
    this.identity = identity == null ? Identity.ANONYMOUS : identity;
    this.timestamp = timestamp;
  }

  public String controller() {
    return controller;
  }

  public String action() {
    return action;
  }

  public String requestId() {
    return requestId;
  }

  /** The {@code index}, or null. */
  public String index() {
    return index;
  }

  /** The {@code collection}, or null. */
  public String collection() {
    return collection;
  }

  /** The document id ({@code _id}), or null. */
  public String id() {
    return id;
  }

  /** The {@code body}: usually a map; null when absent. */
  public Object body() {
    return body;
  }

  /** The body when it is a JSON object, else null. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> bodyObject() {
    return body instanceof Map ? (Map<String, Object>) body : null;
  }

  /** Every other top-level key of the request. */
  public Map<String, Object> args() {
    return args;
  }

  /** One argument, or null. */
  public Object arg(String name) {
    return args.get(name);
  }

  /** The request's {@code volatile} data, or null. */
  public Map<String, Object> volatileData() {
    return volatileData;
  }

  /** The token sent with the request, or null. */
  public String jwt() {
    return jwt;
  }

  /** The protocol of the connection it came by. */
  public String protocol() {
    return protocol;
  }

  public String connectionId() {
    return connectionId;
  }

  /** Who sent it: the identity of its valid token, or {@link Identity#ANONYMOUS}. */
  public Identity identity() {
    return identity;
  }

  /** When Herald received it, epoch milliseconds. */
  public long timestamp() {
    return timestamp;
  }

  /** The context to report with the document changes this request causes. */
  public RequestContext context() {
    return new RequestContext(requestId, timestamp, volatileData, protocol, controller, identity);
  }

  @Override
  public String toString() {
    return controller + ":" + action + " " + requestId;
  }
}
