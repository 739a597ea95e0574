package dev.herald.benchmarks;

import dev.herald.api.RequestContext;
import dev.herald.auth.Identity;
import dev.herald.filter.Document;
import dev.herald.transport.OutboundFrame;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The requests, document and request context the Herald benchmarks send. */
final class Frames {
  static final String INDEX = "shop";
  static final String COLLECTION = "orders";
  /** A collection whose only room is one the document never matches. */
  static final String QUIET_COLLECTION = "archive";
  /** A collection nobody reports documents to. */
  static final String OTHER_COLLECTION = "invoices";

  /** A realistic order of about 300 bytes, as the host's storage layer would report it. */
  static final byte[] ORDER = ("{\"reference\":\"ord-2024-000042\",\"status\":\"paid\",\"total\":149.9,"
      + "\"currency\":\"EUR\",\"customer\":{\"id\":\"c-1337\",\"name\":\"Ada Lovelace\",\"tier\":\"gold\"},"
      + "\"lines\":[{\"sku\":\"kb-01\",\"qty\":1,\"price\":99.9},{\"sku\":\"ms-07\",\"qty\":2,\"price\":25}],"
      + "\"shipping\":{\"city\":\"London\",\"pos\":[51.5072,-0.1276]},\"createdAt\":1700000000000}")
      .getBytes(StandardCharsets.UTF_8);

  /** The request that caused the change: it is echoed in every notification. */
  static final RequestContext CONTEXT = new RequestContext("req-42", 1_700_000_000_000L,
      Map.of("origin", "bench"), "websocket", "document", Identity.ANONYMOUS);

  static final String CATCH_ALL_FILTER = "{}";
  static final String NEVER_FILTER = "{\"equals\":{\"status\":\"never\"}}";
  static final String ORDERS_FILTER =
      "{\"and\":[{\"equals\":{\"status\":\"paid\"}},{\"range\":{\"total\":{\"gte\":100}}}]}";

  private Frames() {}

  static Document order() {
    return Document.parse(ORDER);
  }

  static byte[] subscribe(String collection, String filter, String requestId) {
    return ("{\"controller\":\"realtime\",\"action\":\"subscribe\",\"index\":\"" + INDEX + "\",\"collection\":\""
        + collection + "\",\"body\":" + filter + ",\"requestId\":\"" + requestId + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] publish(String collection) {
    return ("{\"controller\":\"realtime\",\"action\":\"publish\",\"index\":\"" + INDEX + "\",\"collection\":\""
        + collection + "\",\"_id\":\"ord-2024-000042\",\"requestId\":\"pub-1\",\"volatile\":{\"origin\":\"bench\"},"
        + "\"body\":" + new String(ORDER, StandardCharsets.UTF_8) + "}").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] now() {
    return "{\"controller\":\"server\",\"action\":\"now\",\"requestId\":\"now-1\"}".getBytes(StandardCharsets.UTF_8);
  }

  /** Fails unless the frame answers a request successfully (status 200). */
  static OutboundFrame requireSuccess(OutboundFrame frame, String what) {
    if (frame == null) {
      throw new IllegalStateException(what + ": no answer");
    }
    Object status = Document.parse(frame.json()).content().get("status");
    if (!(status instanceof Number) || ((Number) status).intValue() != 200) {
      throw new IllegalStateException(what + ": " + frame.text());
    }
    return frame;
  }
}
