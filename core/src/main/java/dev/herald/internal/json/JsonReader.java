package dev.herald.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads JSON text into Herald's immutable tree ({@link JsonMap}, {@link JsonList}, {@link String},
 * {@link Boolean}, {@code null} and canonical {@link Numbers}) with jackson-core streaming.
 *
 * <p>Thread-safe: one reader serves every thread. Cost: one pass over the input, one object per
 * JSON container and per string or number.
 */
public final class JsonReader {
  /** Shared by every parser Herald makes: limits are checked by the reader itself. */
  public static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(Integer.MAX_VALUE)
          .maxStringLength(Integer.MAX_VALUE)
          .maxNumberLength(10_000)
          .build())
      .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private final int maxDepth;
  private final boolean rejectDuplicateKeys;

  /**
   * @param maxDepth deepest nesting of objects and arrays accepted (the top level counts as 1)
   * @param rejectDuplicateKeys whether a repeated key in one object is an error (filters) or the
   *     last value wins (documents, as {@code JSON.parse})
   */
  public JsonReader(int maxDepth, boolean rejectDuplicateKeys) {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1, got " + maxDepth);
    }
    this.maxDepth = maxDepth;
    this.rejectDuplicateKeys = rejectDuplicateKeys;
  }

  public Object read(byte[] json) {
    return read(json, 0, json.length);
  }

  public Object read(byte[] json, int offset, int length) {
    try (JsonParser p = FACTORY.createParser(json, offset, length)) {
      return readDocument(p);
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  public Object read(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      return readDocument(p);
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** Reads the value at the parser's current token (the caller has called {@code nextToken}). */
  public Object readValue(JsonParser p, int depth) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new JsonException(JsonException.Reason.MALFORMED, "unexpected end of input");
    }
    switch (t) {
      case START_OBJECT:
        return readObject(p, depth + 1);
      case START_ARRAY:
        return readArray(p, depth + 1);
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return readInteger(p);
      case VALUE_NUMBER_FLOAT:
        return readDecimal(p);
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new JsonException(JsonException.Reason.MALFORMED, "unexpected token " + t);
    }
  }

  private Object readDocument(JsonParser p) throws IOException {
    if (p.nextToken() == null) {
      throw new JsonException(JsonException.Reason.MALFORMED, "empty input: a JSON value was expected");
    }
    Object value = readValue(p, 0);
    if (p.nextToken() != null) {
      throw new JsonException(JsonException.Reason.MALFORMED,
          "unexpected content after the JSON value at " + position(p));
    }
    return value;
  }

  private JsonMap readObject(JsonParser p, int depth) throws IOException {
    checkDepth(depth);
    String[] keys = new String[8];
    Object[] values = new Object[8];
    int size = 0;
    Set<String> seen = null;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      if (t != JsonToken.FIELD_NAME) {
        throw new JsonException(JsonException.Reason.MALFORMED, "unexpected token " + t);
      }
      String key = p.currentName();
      p.nextToken();
      Object value = readValue(p, depth);
      int existing = -1;
      if (size <= 8) {
        for (int i = 0; i < size; i++) {
          if (keys[i].equals(key)) {
            existing = i;
            break;
          }
        }
      } else {
        if (seen == null) {
          seen = new HashSet<>(Arrays.asList(keys).subList(0, size));
        }
        if (!seen.add(key)) {
          existing = indexOf(keys, size, key);
        }
      }
      if (existing >= 0) {
        if (rejectDuplicateKeys) {
          throw new JsonException(JsonException.Reason.DUPLICATE_KEY,
              "duplicate key \"" + key + "\" at " + position(p));
        }
        values[existing] = value;
        continue;
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      keys[size] = key;
      values[size] = value;
      size++;
      if (seen != null) {
        seen.add(key);
      }
    }
    return size == 0 ? JsonMap.EMPTY : new JsonMap(keys, values, size);
  }

  private static int indexOf(String[] keys, int size, String key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private JsonList readArray(JsonParser p, int depth) throws IOException {
    checkDepth(depth);
    Object[] items = new Object[8];
    int size = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = readValue(p, depth);
    }
    return size == 0 ? JsonList.EMPTY : new JsonList(items, size);
  }

  private static Number readInteger(JsonParser p) throws IOException {
    switch (p.getNumberType()) {
      case INT:
      case LONG:
        return p.getLongValue();
      default:
        BigInteger b = p.getBigIntegerValue();
        return Numbers.ofBigInteger(b);
    }
  }

  /**
   * A literal with a fraction or an exponent is the nearest double, as every JSON parser reads it
   * (and as a {@code Double} in a Java map holds it); integer literals are exact at any size.
   */
  private static Number readDecimal(JsonParser p) throws IOException {
    return Numbers.ofDouble(p.getDoubleValue());
  }

  private void checkDepth(int depth) {
    if (depth > maxDepth) {
      throw new JsonException(JsonException.Reason.TOO_DEEP,
          "JSON nesting is deeper than the limit of " + maxDepth);
    }
  }

  private static String position(JsonParser p) {
    var loc = p.currentLocation();
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static JsonException malformed(IOException e) {
    if (e instanceof JsonParseException) {
      JsonParseException pe = (JsonParseException) e;
      var loc = pe.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      return new JsonException(JsonException.Reason.MALFORMED,
          "malformed JSON: " + pe.getOriginalMessage() + where);
    }
    return new JsonException(JsonException.Reason.MALFORMED, "malformed JSON: " + e.getMessage());
  }
}
