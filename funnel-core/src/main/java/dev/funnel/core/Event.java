package dev.funnel.core;

import java.time.Instant;

/**
 * One feedback event: what happened ({@code type}) to which item, shown at which position
 * (1-based) in the response {@code requestId}, at what time, by which optional user and session.
 * {@code query} is optional: when absent, it is joined from the request log by request id.
 */
public record Event(
    EventType type,
    String requestId,
    String itemId,
    int position,
    Instant timestamp,
    String userId,
    String sessionId,
    String query) {

  public Event {
    if (type == null) {
      throw new InvalidInputException("type", null, "expected one of impression, click, add_to_cart, purchase");
    }
    Checks.nonBlank("request_id", requestId);
    Checks.nonBlank("item_id", itemId);
    Checks.atLeast("position", position, 1);
    if (timestamp == null) {
      throw new InvalidInputException("timestamp", null, "expected an ISO-8601 instant or epoch milliseconds");
    }
  }
}
