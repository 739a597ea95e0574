package dev.herald.internal.filter;

import dev.herald.filter.FilterException;
import dev.herald.internal.json.JsonException;
import dev.herald.internal.json.JsonReader;
import dev.herald.internal.json.JsonTrees;

/**
 * Validates and normalizes filters under a set of limits. Thread-safe and stateless: one compiler
 * serves an engine. Cost: linear in the filter's JSON, plus the normal form's construction, which is
 * polynomial in the filter's size (bounded by {@link FilterLimits#maxConjunctions()}).
 */
public final class FilterCompiler {
  private final FilterLimits limits;
  private final JsonReader reader;

  public FilterCompiler(FilterLimits limits) {
    this.limits = limits;
    this.reader = new JsonReader(limits.maxDepth(), true);
  }

  public FilterLimits limits() {
    return limits;
  }

  public NormalizedFilter compile(byte[] json) {
    return compileTree(read(() -> reader.read(json)));
  }

  public NormalizedFilter compile(String json) {
    return compileTree(read(() -> reader.read(json)));
  }

  private static Object read(java.util.function.Supplier<Object> read) {
    try {
      return read.get();
    } catch (JsonException e) {
      throw translate(e);
    }
  }

  /** Compiles a filter given as Java values (maps, lists, strings, numbers, booleans, null). */
  public NormalizedFilter compileValue(Object filter) {
    return compileTree(read(() -> JsonTrees.copy(filter, limits.maxDepth())));
  }

  /** Compiles a filter that is already a JSON tree ({@link dev.herald.internal.json.JsonMap} and friends). */
  public NormalizedFilter compileTree(Object tree) {
    FilterParser parser = new FilterParser(limits);
    Node node = parser.parseTop(tree);
    if (parser.conditions() > limits.maxConditions()) {
      throw new FilterException(FilterException.Reason.TOO_MANY_CONDITIONS, "",
          "Filter too complex: exceeds the configured maximum number of conditions (conditions: "
              + parser.conditions() + ", max: " + limits.maxConditions() + ")");
    }
    return new Normalizer(limits.maxConjunctions()).normalize(node, parser.conditions());
  }

  private static FilterException translate(JsonException e) {
    switch (e.reason()) {
      case TOO_DEEP:
        return new FilterException(FilterException.Reason.TOO_DEEP, "", "the filter is nested too deeply: " + e.getMessage());
      default:
        return new FilterException(FilterException.Reason.INVALID, "", "the filter is not valid JSON: " + e.getMessage());
    }
  }
}
