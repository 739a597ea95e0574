package dev.herald.filter;

import dev.herald.internal.json.JsonException;
import dev.herald.internal.json.JsonReader;
import dev.herald.internal.json.JsonTrees;
import dev.herald.internal.json.JsonWriter;
import java.util.Map;

/**
 * A JSON document parsed once, to match against filters any number of times without parsing or
 * allocating again. Numbers compare by value (1 equals 1.0; integers exactly at any size).
 *
 * <p>Immutable and thread-safe.
 */
public final class Document {
  /** Deepest nesting accepted by the factories that take no limit. */
  public static final int DEFAULT_MAX_DEPTH = 128;

  private final Map<String, Object> root;
  private final String id;
  private volatile byte[] json; // the bytes it was parsed from, or its serialization once asked

  private Document(Map<String, Object> root, String id, byte[] json) {
    this.root = root;
    this.id = id;
    this.json = json;
  }

  /** Parses a JSON object from UTF-8 bytes. */
  public static Document parse(byte[] json) {
    return parse(json, DEFAULT_MAX_DEPTH);
  }

  public static Document parse(byte[] json, int maxDepth) {
    try {
      return new Document(object(new JsonReader(maxDepth, false).read(json)), null, json);
    } catch (JsonException e) {
      throw translate(e);
    }
  }

  /** Parses a JSON object from text. */
  public static Document parse(String json) {
    return parse(json, DEFAULT_MAX_DEPTH);
  }

  public static Document parse(String json, int maxDepth) {
    try {
      return new Document(object(new JsonReader(maxDepth, false).read(json)), null, null);
    } catch (JsonException e) {
      throw translate(e);
    }
  }

  /**
   * Copies a document built of Java values: maps with string keys, lists, collections and arrays,
   * strings, any {@link Number}, booleans and nulls.
   *
   * @throws DocumentException on another type or nesting deeper than {@link #DEFAULT_MAX_DEPTH}
   */
  public static Document of(Map<String, ?> document) {
    try {
      return new Document(object(JsonTrees.copy(document, DEFAULT_MAX_DEPTH)), null, null);
    } catch (JsonException e) {
      throw translate(e);
    }
  }

  /**
   * The same document with an identifier, which filters see as the field {@code _id} (the
   * {@code ids} keyword tests it), overriding any {@code _id} key of the content.
   */
  public Document withId(String documentId) {
    return new Document(root, documentId, json);
  }

  /** The identifier given with {@link #withId}, or null. */
  public String id() {
    return id;
  }

  /** The content, an immutable map in document order. */
  public Map<String, Object> content() {
    return root;
  }

  /**
   * The document as UTF-8 JSON: the very bytes it was parsed from, else its content serialized once.
   * Shared: never modify the array.
   */
  public byte[] json() {
    byte[] j = json;
    if (j == null) {
      j = JsonWriter.toBytes(root);
      json = j;
    }
    return j;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object tree) {
    if (!(tree instanceof Map)) {
      throw new DocumentException(DocumentException.Reason.MALFORMED,
          "a document must be a JSON object, got " + JsonTrees.jsonType(tree));
    }
    return (Map<String, Object>) tree;
  }

  static DocumentException translate(JsonException e) {
    switch (e.reason()) {
      case TOO_DEEP:
        return new DocumentException(DocumentException.Reason.TOO_DEEP, e.getMessage());
      case UNSUPPORTED_TYPE:
        return new DocumentException(DocumentException.Reason.UNSUPPORTED_TYPE, e.getMessage());
      default:
        return new DocumentException(DocumentException.Reason.MALFORMED, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return (id == null ? "" : "(_id " + id + ") ") + root;
  }
}
