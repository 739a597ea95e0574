package dev.herald.examples.demo;

import dev.herald.DocumentEvents;
import dev.herald.api.ApiException;
import dev.herald.api.KuzzleError;
import dev.herald.api.Request;
import dev.herald.filter.Document;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny in-memory document store answering Kuzzle's {@code document} controller (create,
 * createOrReplace, replace, update, delete, get), reporting each change to Herald: "about to"
 * (pending) before it writes, then done, with the request's context, so every document
 * notification can be seen. Thread-safe: one lock per collection keeps each change and its
 * notifications in one order.
 */
final class DocumentStore {
  private final DocumentEvents events;
  private final ConcurrentHashMap<String, Collection> collections = new ConcurrentHashMap<>();

  private static final class Collection {
    final Map<String, Stored> documents = new LinkedHashMap<>();
  }

  private record Stored(Map<String, Object> source, long version) {}

  DocumentStore(DocumentEvents events) {
    this.events = events;
  }

  private Collection collection(Request r) {
    String index = require(r.index(), "index");
    String collection = require(r.collection(), "collection");
    return collections.computeIfAbsent(index + "\u0000" + collection, k -> new Collection());
  }

  Object create(Request r) {
    Collection c = collection(r);
    Map<String, Object> body = body(r);
    String id = r.id() != null ? r.id() : UUID.randomUUID().toString();
    synchronized (c) {
      if (c.documents.containsKey(id)) {
        throw new ApiException(412, "services.storage.document_already_exists", 0x0101000f,
            "Document already exists.", List.of(id));
      }
      Map<String, Object> source = withInfo(body, r, null);
      events.creating(r.context(), r.index(), r.collection(), id, Document.of(source));
      Stored stored = new Stored(source, 1);
      c.documents.put(id, stored);
      events.created(r.context(), r.index(), r.collection(), id, Document.of(source));
      return result(id, stored, null);
    }
  }

  Object createOrReplace(Request r) {
    Collection c = collection(r);
    String id = require(r.id(), "_id");
    Map<String, Object> body = body(r);
    synchronized (c) {
      Stored previous = c.documents.get(id);
      if (previous == null) {
        return create(r);
      }
      Map<String, Object> source = withInfo(body, r, previous.source());
      events.replacing(r.context(), r.index(), r.collection(), id, Document.of(source));
      Stored stored = new Stored(source, previous.version() + 1);
      c.documents.put(id, stored);
      events.replaced(r.context(), r.index(), r.collection(), id, Document.of(source), Document.of(previous.source()));
      return result(id, stored, false);
    }
  }

  Object replace(Request r) {
    Collection c = collection(r);
    String id = require(r.id(), "_id");
    Map<String, Object> body = body(r);
    synchronized (c) {
      Stored previous = existing(c, r, id);
      Map<String, Object> source = withInfo(body, r, previous.source());
      events.replacing(r.context(), r.index(), r.collection(), id, Document.of(source));
      Stored stored = new Stored(source, previous.version() + 1);
      c.documents.put(id, stored);
      events.replaced(r.context(), r.index(), r.collection(), id, Document.of(source), Document.of(previous.source()));
      return result(id, stored, null);
    }
  }

  Object update(Request r) {
    Collection c = collection(r);
    String id = require(r.id(), "_id");
    Map<String, Object> changes = body(r);
    synchronized (c) {
      Stored previous = existing(c, r, id);
      Map<String, Object> merged = merge(previous.source(), changes);
      Map<String, Object> source = withInfo(merged, r, previous.source());
      Stored stored = new Stored(source, previous.version() + 1);
      c.documents.put(id, stored);
      events.updated(r.context(), r.index(), r.collection(), id, Document.of(source), Document.of(previous.source()),
          fieldPaths("", changes));
      return result(id, stored, null);
    }
  }

  Object delete(Request r) {
    Collection c = collection(r);
    String id = require(r.id(), "_id");
    synchronized (c) {
      Stored previous = existing(c, r, id);
      events.deleting(r.context(), r.index(), r.collection(), id, Document.of(previous.source()));
      c.documents.remove(id);
      events.deleted(r.context(), r.index(), r.collection(), id, Document.of(previous.source()));
      return Map.of("_id", id);
    }
  }

  Object get(Request r) {
    Collection c = collection(r);
    String id = require(r.id(), "_id");
    synchronized (c) {
      return result(id, existing(c, r, id), null);
    }
  }

  private static Stored existing(Collection c, Request r, String id) {
    Stored s = c.documents.get(id);
    if (s == null) {
      throw new ApiException(404, "services.storage.not_found", 0x0101000b,
          "Document \"" + id + "\" not found in \"" + r.index() + "\":\"" + r.collection() + "\".",
          List.of(id, r.index(), r.collection()));
    }
    return s;
  }

  private static Map<String, Object> result(String id, Stored s, Boolean created) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("_id", id);
    m.put("_version", s.version());
    m.put("_source", s.source());
    if (created != null) {
      m.put("created", created);
    }
    return m;
  }

  /** The content with Kuzzle's metadata: who created and last updated it, and when. */
  private static Map<String, Object> withInfo(Map<String, Object> body, Request r, Map<String, Object> previous) {
    Map<String, Object> source = new LinkedHashMap<>(body);
    source.remove("_kuzzle_info");
    Map<String, Object> info = new LinkedHashMap<>();
    if (previous == null) {
      info.put("author", r.identity().kuid());
      info.put("createdAt", r.timestamp());
      info.put("updatedAt", null);
      info.put("updater", null);
    } else {
      Map<?, ?> before = (Map<?, ?>) previous.get("_kuzzle_info");
      info.put("author", before == null ? null : before.get("author"));
      info.put("createdAt", before == null ? null : before.get("createdAt"));
      info.put("updatedAt", r.timestamp());
      info.put("updater", r.identity().kuid());
    }
    source.put("_kuzzle_info", info);
    return source;
  }

  /** A partial update: objects merge recursively, everything else is replaced. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> changes) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : changes.entrySet()) {
      Object old = out.get(e.getKey());
      if (old instanceof Map && e.getValue() instanceof Map) {
        out.put(e.getKey(), merge((Map<String, Object>) old, (Map<String, Object>) e.getValue()));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** The dotted paths an update body writes, as Kuzzle's {@code _updatedFields}. */
  private static List<String> fieldPaths(String prefix, Map<?, ?> changes) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<?, ?> e : changes.entrySet()) {
      String path = prefix + e.getKey();
      if (path.equals("_kuzzle_info")) {
        continue;
      }
      if (e.getValue() instanceof Map && !((Map<?, ?>) e.getValue()).isEmpty()) {
        out.addAll(fieldPaths(path + ".", (Map<?, ?>) e.getValue()));
      } else {
        out.add(path);
      }
    }
    return out;
  }

  private static Map<String, Object> body(Request r) {
    if (r.body() == null) {
      throw KuzzleError.BODY_REQUIRED.exception();
    }
    Map<String, Object> body = r.bodyObject();
    if (body == null) {
      throw KuzzleError.INVALID_TYPE.exception("body", "object");
    }
    return body;
  }

  private static String require(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw KuzzleError.MISSING_ARGUMENT.exception(name);
    }
    return value;
  }
}
