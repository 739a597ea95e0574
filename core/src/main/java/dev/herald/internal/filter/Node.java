package dev.herald.internal.filter;

import java.util.List;

/** The filter language after rewriting: leaves, AND, OR, NOT and constants. */
public sealed interface Node {
  /** A leaf condition. */
  record Leaf(ConditionSpec spec) implements Node {}

  record And(List<Node> items) implements Node {}

  record Or(List<Node> items) implements Node {}

  record Not(Node item) implements Node {}

  /** {@code true}: the empty filter {@code {}}; {@code false}: {@code nothing}. */
  record Const(boolean value) implements Node {}
}
