package dev.funnel.server.access;

import dev.funnel.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-client limit on {@code POST /events}: {@code eventsPerSecond} events a second on
 * average, {@code burst} at once. A rate of 0 turns the limit off.
 */
public record RateLimit(double eventsPerSecond, int burst) {
  public RateLimit {
    if (!(eventsPerSecond >= 0) || Double.isInfinite(eventsPerSecond)) {
      throw new InvalidInputException("events_per_second", eventsPerSecond, "expected a finite rate >= 0 (0: no limit)");
    }
    if (eventsPerSecond > 0 && burst < 1) {
      throw new InvalidInputException("events_burst", burst, "expected a burst of at least 1 event");
    }
  }

  public static RateLimit off() {
    return new RateLimit(0, 0);
  }

  public boolean enabled() {
    return eventsPerSecond > 0;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("events_per_second", eventsPerSecond);
    m.put("events_burst", burst);
    return m;
  }
}
