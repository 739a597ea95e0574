package dev.herald.benchmarks.compare;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain Java JSON trees for the comparison tools: objects are {@link LinkedHashMap}s (key order kept),
 * arrays {@link ArrayList}s, integers {@link Integer} or {@link Long}, other numbers {@link Double}.
 * These are the maps a host application would hand to {@code FilterEngine.match(index, Map)}.
 */
final class Json {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private Json() {}

  static Object read(byte[] json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      p.nextToken();
      Object value = value(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing content after the JSON value");
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Object read(Path file) throws IOException {
    return read(Files.readAllBytes(file));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object value, String what) {
    if (!(value instanceof List)) {
      throw new IllegalArgumentException(what + " must be a JSON array");
    }
    return (List<Object>) value;
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          map.put(name, value(p));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p));
        }
        return list;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return p.getIntValue();
          case LONG:
            return p.getLongValue();
          default:
            return p.getDoubleValue();
        }
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalArgumentException("unexpected JSON token " + t);
    }
  }

  static byte[] bytes(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, out);
    return out.toByteArray();
  }

  static String text(Object value) {
    return new String(bytes(value), StandardCharsets.UTF_8);
  }

  /** Writes a tree as compact JSON. */
  static void write(Object value, OutputStream out) {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a JSON object to a file with each of its members on a line, and each member or element of
   * a member that is itself an object or an array on a line too, so big workloads stay readable and
   * diffable.
   */
  static void write(Path file, Map<String, Object> value) throws IOException {
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
      String separator = "{";
      for (Map.Entry<String, Object> member : value.entrySet()) {
        out.write(separator.getBytes(StandardCharsets.UTF_8));
        separator = ",\n";
        write(member.getKey(), out);
        out.write(':');
        Object v = member.getValue();
        if (v instanceof Map && !((Map<?, ?>) v).isEmpty()) {
          String inner = "{";
          for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            out.write(inner.getBytes(StandardCharsets.UTF_8));
            inner = ",\n";
            write(e.getKey(), out);
            out.write(':');
            write(e.getValue(), out);
          }
          out.write('}');
        } else if (v instanceof List && !((List<?>) v).isEmpty()) {
          String inner = "[";
          for (Object e : (List<?>) v) {
            out.write(inner.getBytes(StandardCharsets.UTF_8));
            inner = ",\n";
            write(e, out);
          }
          out.write(']');
        } else {
          write(v, out);
        }
      }
      out.write(value.isEmpty() ? "{}\n".getBytes(StandardCharsets.UTF_8) : "}\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void write(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        g.writeFieldName((String) e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List) {
      g.writeStartArray();
      for (Object element : (List<?>) value) {
        write(g, element);
      }
      g.writeEndArray();
    } else if (value instanceof String) {
      g.writeString((String) value);
    } else if (value instanceof Integer || value instanceof Long) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        g.writeNumber((long) d); // as JavaScript writes it: 3, not 3.0
      } else {
        g.writeNumber(d);
      }
    } else if (value instanceof Boolean) {
      g.writeBoolean((Boolean) value);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }
}
