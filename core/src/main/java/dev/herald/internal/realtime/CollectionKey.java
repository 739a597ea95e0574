package dev.herald.internal.realtime;

import dev.herald.internal.filter.Canonical;

/**
 * An index and a collection, as a structured pair: its engine key is the JSON array
 * {@code ["index","collection"]}, so no two collections can share a key whatever their names.
 */
record CollectionKey(String index, String collection) {
  String engineIndex() {
    StringBuilder sb = new StringBuilder(index.length() + collection.length() + 7);
    sb.append('[');
    Canonical.string(sb, index);
    sb.append(',');
    Canonical.string(sb, collection);
    return sb.append(']').toString();
  }
}
