package dev.herald.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/** Writes JSON tree values (maps, lists, scalars) with jackson-core. Thread-safe, stateless. */
public final class JsonWriter {
  private JsonWriter() {}

  /** JSON already serialized (UTF-8), written as it is. */
  public record Raw(byte[] bytes) {}

  /** Compact JSON text of a value, for messages. */
  public static String toText(Object value) {
    return new String(toBytes(value), StandardCharsets.UTF_8);
  }

  public static byte[] toBytes(Object value) {
    ByteArrayBuilder buffer = new ByteArrayBuilder(128);
    try (JsonGenerator g = JsonReader.FACTORY.createGenerator(buffer)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  /**
   * Writes maps, lists, collections, arrays, strings, any number (NaN and infinities as null, which
   * JSON lacks), booleans, null, {@link Raw} JSON, and dates as seconds since the epoch (as JSON Web
   * Tokens want them); anything else as its string form.
   */
  public static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String) {
      g.writeString((String) v);
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof BigInteger) {
      g.writeNumber((BigInteger) v);
    } else if (v instanceof BigDecimal) {
      g.writeNumber((BigDecimal) v);
    } else if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        g.writeNull();
      } else {
        g.writeNumber(d);
      }
    } else if (v instanceof JsonMap) {
      JsonMap m = (JsonMap) v;
      g.writeStartObject();
      for (int i = 0, n = m.size(); i < n; i++) {
        g.writeFieldName(m.keyAt(i));
        write(g, m.valueAt(i));
      }
      g.writeEndObject();
    } else if (v instanceof JsonList) {
      JsonList l = (JsonList) v;
      g.writeStartArray();
      for (int i = 0, n = l.size(); i < n; i++) {
        write(g, l.get(i));
      }
      g.writeEndArray();
    } else if (v instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Collection) {
      g.writeStartArray();
      for (Object o : (Collection<?>) v) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Object[]) {
      g.writeStartArray();
      for (Object o : (Object[]) v) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Raw) {
      g.writeRawValue(new String(((Raw) v).bytes(), StandardCharsets.UTF_8));
    } else if (v instanceof java.util.Date) {
      g.writeNumber(((java.util.Date) v).getTime() / 1000); // JSON Web Token dates: seconds
    } else if (v instanceof java.time.Instant) {
      g.writeNumber(((java.time.Instant) v).getEpochSecond());
    } else {
      g.writeString(v.toString());
    }
  }
}
