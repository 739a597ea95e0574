package dev.herald.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.herald.filter.Document;
import dev.herald.filter.FilterEngine;
import dev.herald.filter.FilterException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches documents against filters from the command line, each filter alone in its own index so no
 * filter can influence another:
 *
 * <pre>
 * java -cp benchmarks/target/herald-benchmarks.jar dev.herald.benchmarks.Match FILE   (or - for stdin)
 * </pre>
 *
 * reads {@code {"filters": {"<id>": <filter>, ...}, "docs": [<doc>, ...], "options": {"maxConditions": N}}}
 * ({@code options} is optional) and prints
 * {@code {"errors": {"<id>": "<message>"}, "matches": [[<matching ids, sorted>], ...]}}, one list per
 * document. A document that is not a JSON object gets {@code null} and an entry in {@code docErrors}.
 */
public final class Match {
  private static final JsonFactory JSON = new JsonFactory();

  private Match() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java -cp herald-benchmarks.jar dev.herald.benchmarks.Match FILE|-");
      System.exit(2);
    }
    byte[] input = args[0].equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(args[0]));
    try {
      run(input, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("Match: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Reads the input, matches, and writes the answer followed by a newline. */
  public static void run(byte[] input, OutputStream out) throws IOException {
    Input in = read(input);
    FilterEngine.Builder builder = FilterEngine.builder();
    if (in.maxConditions > 0) {
      builder.maxConditions(in.maxConditions);
    }
    FilterEngine engine = builder.build();
    Map<String, String> errors = new LinkedHashMap<>();
    List<String> registered = new ArrayList<>();
    for (Map.Entry<String, String> f : in.filters.entrySet()) {
      try {
        engine.register(f.getKey(), f.getValue());
        registered.add(f.getKey());
      } catch (FilterException e) {
        errors.put(f.getKey(), e.getMessage());
      }
    }
    PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
    try (JsonGenerator g = JSON.createGenerator(print)) {
      g.writeStartObject();
      g.writeObjectFieldStart("errors");
      for (Map.Entry<String, String> e : errors.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      Map<Integer, String> docErrors = new LinkedHashMap<>();
      g.writeArrayFieldStart("matches");
      for (int i = 0; i < in.docs.size(); i++) {
        Document doc;
        try {
          doc = Document.parse(in.docs.get(i));
        } catch (IllegalArgumentException e) {
          docErrors.put(i, e.getMessage());
          g.writeNull();
          continue;
        }
        List<String> ids = new ArrayList<>();
        for (String id : registered) {
          if (engine.countMatches(id, doc) > 0) {
            ids.add(id);
          }
        }
        ids.sort(null);
        g.writeStartArray();
        for (String id : ids) {
          g.writeString(id);
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      if (!docErrors.isEmpty()) {
        g.writeObjectFieldStart("docErrors");
        for (Map.Entry<Integer, String> e : docErrors.entrySet()) {
          g.writeStringField(String.valueOf(e.getKey()), e.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    print.println();
    print.flush();
  }

  private static final class Input {
    final Map<String, String> filters = new LinkedHashMap<>();
    final List<String> docs = new ArrayList<>();
    int maxConditions;
  }

  private static Input read(byte[] json) throws IOException {
    Input in = new Input();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the input must be a JSON object with \"filters\" and \"docs\"");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "filters":
            expect(t, JsonToken.START_OBJECT, "filters");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String id = p.currentName();
              p.nextToken();
              in.filters.put(id, copy(p));
            }
            break;
          case "docs":
            expect(t, JsonToken.START_ARRAY, "docs");
            while (p.nextToken() != JsonToken.END_ARRAY) {
              in.docs.add(copy(p));
            }
            break;
          case "options":
            expect(t, JsonToken.START_OBJECT, "options");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String option = p.currentName();
              p.nextToken();
              if (option.equals("maxConditions") && p.currentToken().isNumeric()) {
                in.maxConditions = p.getIntValue();
              } else {
                p.skipChildren();
              }
            }
            break;
          default:
            p.skipChildren();
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the input is not valid JSON: " + e.getOriginalMessage());
    }
    return in;
  }

  private static void expect(JsonToken actual, JsonToken expected, String field) {
    if (actual != expected) {
      throw new IllegalArgumentException("\"" + field + "\" must be a JSON " + (expected == JsonToken.START_OBJECT ? "object" : "array"));
    }
  }

  /** The JSON text of the value at the parser's current token. */
  private static String copy(JsonParser p) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.copyCurrentStructure(p);
    }
    return w.toString();
  }
}
