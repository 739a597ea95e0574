package dev.herald.internal.realtime;

import dev.herald.api.RequestContext;
import dev.herald.filter.Document;
import dev.herald.internal.json.JsonWriter;
import dev.herald.realtime.DocumentNotification;
import dev.herald.realtime.Notification;
import dev.herald.realtime.Scope;
import dev.herald.realtime.State;
import java.io.IOException;
import java.util.List;

/** A document notification: every field of Kuzzle's, always present. */
final class DocumentEvent extends Event {
  final RequestContext context;
  final String index;
  final String collection;
  final String action;
  final String event;
  final Scope scope;
  final State state;
  final String node;
  final String documentId;
  final Document source;
  final List<String> updatedFields;

  DocumentEvent(RequestContext context, String index, String collection, String action, String event, Scope scope,
      State state, String node, String documentId, Document source, List<String> updatedFields) {
    this.context = context;
    this.index = index;
    this.collection = collection;
    this.action = action;
    this.event = event;
    this.scope = scope;
    this.state = state;
    this.node = node;
    this.documentId = documentId;
    this.source = source;
    this.updatedFields = updatedFields;
  }

  /** The same change with another scope (an update notifies "in" and "out"). */
  DocumentEvent withScope(Scope other) {
    return new DocumentEvent(context, index, collection, action, event, other, state, node, documentId, source,
        updatedFields);
  }

  @Override
  void write(JsonOut out) throws IOException {
    out.field("type", "document");
    out.g.writeNumberField("status", 200);
    out.field("requestId", context.requestId());
    out.g.writeNumberField("timestamp", context.timestamp());
    out.field("volatile", (Object) context.volatileData());
    out.field("index", index);
    out.field("collection", collection);
    out.field("controller", context.controller());
    out.field("action", action);
    out.field("event", event);
    out.field("protocol", context.protocol());
    out.field("scope", scope.wireName());
    out.field("state", state.wireName());
    out.field("node", node);
    out.g.writeObjectFieldStart("result");
    out.field("_id", documentId);
    out.g.writeFieldName("_source");
    JsonWriter.write(out.g, new JsonWriter.Raw(source.json()));
    if (updatedFields != null) {
      out.field("_updatedFields", (Object) updatedFields);
    }
    out.g.writeEndObject();
  }

  @Override
  Notification typed(String channel) {
    return new DocumentNotification(channel, context.requestId(), context.timestamp(), context.volatileData(), index,
        collection, context.controller(), action, event, context.protocol(), scope, state, node, documentId,
        source.content(), updatedFields);
  }
}
