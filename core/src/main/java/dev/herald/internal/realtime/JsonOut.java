package dev.herald.internal.realtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.herald.internal.json.JsonReader;
import dev.herald.internal.json.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A generator writing Herald's JSON (responses, notifications) into bytes. Not thread-safe. */
final class JsonOut {
  private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);
  final JsonGenerator g;

  JsonOut() {
    try {
      g = JsonReader.FACTORY.createGenerator(buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends the generator and returns the bytes written. */
  byte[] toBytes() {
    try {
      g.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  void field(String name, String value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value);
    }
  }

  void field(String name, Object value) throws IOException {
    g.writeFieldName(name);
    JsonWriter.write(g, value);
  }
}
