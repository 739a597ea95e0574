package dev.herald.examples.mqtt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Reads the {@code requestId} of a request without building it; Herald parses the request itself. */
final class RequestIds {
  private static final JsonFactory JSON = new JsonFactory();

  private RequestIds() {}

  /** The top-level string {@code requestId}, or null when there is none or the JSON is unreadable. */
  static String of(byte[] request) {
    try (JsonParser p = JSON.createParser(request)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("requestId".equals(name)) {
          return value == JsonToken.VALUE_STRING ? p.getText() : null;
        }
        p.skipChildren();
      }
    } catch (IOException e) {
      // Herald answers unreadable requests with an error of its own.
    }
    return null;
  }
}
