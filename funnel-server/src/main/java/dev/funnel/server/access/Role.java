package dev.funnel.server.access;

/** What a route asks of its caller. */
public enum Role {
  /** Anyone, even with keys configured: {@code GET /health} and {@code GET /openapi.json}. */
  OPEN,
  /** Search, related items, events and other reads. */
  READ,
  /** Item updates, models and every other mutating route. */
  ADMIN
}
