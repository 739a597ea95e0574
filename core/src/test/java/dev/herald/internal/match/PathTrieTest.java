package dev.herald.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.filter.FilterEngine;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTrieTest {
  /** A string equal to {@code s} that is not the interned instance. */
  private static String copy(String s) {
    String copy = new String(s.toCharArray());
    assertThat(copy).isNotSameAs(s.intern());
    return copy;
  }

  @Test
  void everySplitOfADottedPathLeadsToOneNodeKeyedByInternedStrings() {
    PathTrie trie = new PathTrie(new IdAllocator());
    PathNode abc = trie.intern(copy("a.b.c"));
    assertThat(abc.path).isSameAs("a.b.c");
    assertThat(trie.root.children.get("a.b.c")).isSameAs(abc);
    PathNode a = trie.node("a");
    PathNode ab = trie.node("a.b");
    assertThat(a.children.get("b.c")).isSameAs(abc);
    assertThat(ab.children.get("c")).isSameAs(abc);
    assertThat(a.children.get("b")).isSameAs(ab);
    // The keys themselves are the interned instances, which interned document keys match by identity.
    assertThat(a.children.keys()).allSatisfy(k -> assertThat(k).isSameAs(k.intern()));
    assertThat(ab.children.keys()).containsExactly("c").allSatisfy(k -> assertThat(k).isSameAs("c"));
    assertThat(trie.root.children.keys()).allSatisfy(k -> assertThat(k).isSameAs(k.intern()));
    // Looked up by an equal string that is not interned, too.
    assertThat(trie.root.children.get(copy("a.b"))).isSameAs(ab);

    trie.release("a.b.c");
    assertThat(trie.size()).isZero();
    assertThat(trie.root.children.isEmpty()).isTrue();
  }

  @Test
  void documentsWhoseKeysAreNotInternedMatchLikeOthers() {
    FilterEngine engine = FilterEngine.create();
    String equals = engine.register("i", "{\"equals\":{\"name\":\"x\"}}");
    String nested = engine.register("i", "{\"exists\":\"user.id\"}");
    for (boolean interned : List.of(true, false)) {
      Map<String, Object> user = new HashMap<>();
      user.put(interned ? "id" : copy("id"), 1);
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put(interned ? "name" : copy("name"), interned ? "x" : copy("x"));
      doc.put(interned ? "user" : copy("user"), user);
      assertThat(engine.match("i", doc)).as("interned keys: %s", interned).containsExactlyInAnyOrder(equals, nested);
      Map<String, Object> dotted = new HashMap<>();
      dotted.put(interned ? "user.id" : copy("user.id"), 2);
      assertThat(engine.match("i", dotted)).as("interned keys: %s", interned).containsExactly(nested);
    }
  }
}
