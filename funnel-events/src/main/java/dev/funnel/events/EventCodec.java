package dev.funnel.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Events as JSON: {@code {"type": "click", "request_id": "r1", "item_id": "i9", "position": 3,
 * "timestamp": "2026-01-01T10:00:00Z" | 1767261600000, "user_id": "u1", "session_id": "s1",
 * "query": "red shoes"}}; {@code user_id}, {@code session_id} and {@code query} are optional.
 * Errors name the field and the value ({@code events[2].position}).
 */
public final class EventCodec {
  public static final ObjectMapper JSON = new ObjectMapper();

  private EventCodec() {}

  /** One event object, or an array of them, or {@code {"events": [...]}}; every event has its timestamp. */
  public static List<Event> parseMany(JsonNode node) {
    return parseMany(node, null);
  }

  /**
   * As {@link #parseMany(JsonNode)}, where an event without a {@code timestamp} (absent or null)
   * takes {@code now} (the server's clock at arrival); null requires every timestamp.
   */
  public static List<Event> parseMany(JsonNode node, Instant now) {
    JsonNode arr = node.isObject() && node.has("events") ? node.get("events") : node;
    List<Event> out = new ArrayList<>();
    if (arr.isArray()) {
      for (int i = 0; i < arr.size(); i++) {
        out.add(parse(arr.get(i), "events[" + i + "].", now));
      }
    } else {
      out.add(parse(arr, "", now));
    }
    return out;
  }

  /** Whether an event object lacks its timestamp (so {@link #parseMany(JsonNode, Instant)} gives it the server's clock). */
  public static boolean lacksTimestamp(JsonNode n) {
    return n != null && n.isObject() && (n.get("timestamp") == null || n.get("timestamp").isNull());
  }

  public static Event parse(JsonNode n, String prefix) {
    return parse(n, prefix, null);
  }

  /** One event object; without a timestamp it takes {@code now}, or is refused when {@code now} is null. */
  public static Event parse(JsonNode n, String prefix, Instant now) {
    if (n == null || !n.isObject()) {
      throw new InvalidInputException(prefix.isEmpty() ? "event" : prefix.substring(0, prefix.length() - 1), n, "expected a JSON object");
    }
    EventType type = EventType.parse(prefix + "type", text(n, "type"));
    String requestId = required(n, prefix, "request_id");
    String itemId = required(n, prefix, "item_id");
    JsonNode pos = n.get("position");
    if (pos == null || !pos.canConvertToInt() || !pos.isIntegralNumber() || pos.asInt() < 1) {
      throw new InvalidInputException(prefix + "position", pos == null ? null : pos.asText(), "expected an integer >= 1");
    }
    Instant ts = now != null && lacksTimestamp(n) ? now : timestamp(n.get("timestamp"), prefix + "timestamp");
    return new Event(type, requestId, itemId, pos.asInt(), ts, text(n, "user_id"), text(n, "session_id"), text(n, "query"));
  }

  public static ObjectNode toJson(Event e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", e.type().wireName());
    o.put("request_id", e.requestId());
    o.put("item_id", e.itemId());
    o.put("position", e.position());
    o.put("timestamp", e.timestamp().toString());
    if (e.userId() != null) {
      o.put("user_id", e.userId());
    }
    if (e.sessionId() != null) {
      o.put("session_id", e.sessionId());
    }
    if (e.query() != null) {
      o.put("query", e.query());
    }
    return o;
  }

  public static ArrayNode toJson(List<Event> events) {
    ArrayNode a = JSON.createArrayNode();
    events.forEach(e -> a.add(toJson(e)));
    return a;
  }

  private static Instant timestamp(JsonNode t, String field) {
    if (t == null || t.isNull()) {
      throw new InvalidInputException(field, null, "expected an ISO-8601 instant or epoch milliseconds");
    }
    if (t.isIntegralNumber()) {
      return Instant.ofEpochMilli(t.asLong());
    }
    try {
      return Instant.parse(t.asText());
    } catch (DateTimeParseException ex) {
      throw new InvalidInputException(field, t.asText(), "expected an ISO-8601 instant or epoch milliseconds");
    }
  }

  private static String required(JsonNode n, String prefix, String field) {
    String v = text(n, field);
    if (v == null || v.isBlank()) {
      throw new InvalidInputException(prefix + field, v, "expected a non-blank string");
    }
    return v;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
