package dev.herald.internal.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Interned field paths, reference-counted, wired so that any split of a dotted path into document
 * keys leads to the same node: for "a.b.c" the root has children "a", "a.b" and "a.b.c", node "a" has
 * "b" and "b.c", node "a.b" has "c". Writers hold the partition's lock; readers walk
 * {@link PathNode#children} concurrently.
 *
 * <p>Node paths and child keys are {@linkplain String#intern() interned}, once per new node: the keys
 * of most documents are interned too (jackson-core interns field names, Java interns literals), so a
 * document's key is then found by identity, in the children and in a document map alike, without
 * comparing characters. Keys that are not interned are found by {@code equals}, as before.
 */
final class PathTrie {
  final PathNode root;
  private final OpenMap<String, PathNode> byPath = new OpenMap<>();
  private final IdAllocator ids;

  PathTrie(IdAllocator ids) {
    this.ids = ids;
    this.root = new PathNode("", -1);
  }

  /** The node for {@code path}, created with every node on the way; counts one more reference. */
  PathNode intern(String path) {
    List<String> prefixes = prefixes(path);
    PathNode node = null;
    for (int j = 0; j < prefixes.size(); j++) {
      String p = prefixes.get(j);
      node = byPath.get(p);
      if (node == null) {
        p = p.intern();
        node = new PathNode(p, ids.allocate());
        byPath.put(p, node);
        root.childrenMap().put(p, node);
        for (int i = 0; i < j; i++) {
          String from = prefixes.get(i);
          byPath.get(from).childrenMap().put(p.substring(from.length() + 1).intern(), node);
        }
      }
      node.refs++;
    }
    return node;
  }

  /** Releases one reference taken by {@link #intern}; unreferenced nodes leave the trie. */
  void release(String path) {
    List<String> prefixes = prefixes(path);
    for (int j = prefixes.size() - 1; j >= 0; j--) {
      String p = prefixes.get(j);
      PathNode node = byPath.get(p);
      if (--node.refs == 0) {
        byPath.remove(p, node);
        root.children.remove(p, node);
        for (int i = 0; i < j; i++) {
          String from = prefixes.get(i);
          PathNode parent = byPath.get(from);
          parent.children.remove(p.substring(from.length() + 1), node);
          if (parent.children.isEmpty()) {
            parent.children = null;
          }
        }
        ids.release(node.id);
      }
    }
  }

  /** The node of an interned path. */
  PathNode node(String path) {
    return byPath.get(path);
  }

  int size() {
    return byPath.size();
  }

  /** "a.b.c" gives "a", "a.b", "a.b.c": the path cut before each dot, then whole. */
  private static List<String> prefixes(String path) {
    List<String> out = new ArrayList<>(4);
    for (int i = path.indexOf('.'); i >= 0; i = path.indexOf('.', i + 1)) {
      out.add(path.substring(0, i));
    }
    out.add(path);
    return out;
  }
}
