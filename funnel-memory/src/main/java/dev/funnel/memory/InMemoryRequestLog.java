package dev.funnel.memory;

import dev.funnel.query.RequestLog;

import dev.funnel.core.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded in-memory {@link RequestLog}: the {@code capacity} most recently recorded requests
 * (least recently recorded evicted first). Feedback usually arrives seconds to hours after the
 * response, so a capacity of a few hours of traffic is enough. Thread-safe (one lock).
 */
public final class InMemoryRequestLog implements RequestLog {
  private final int capacity;
  private final LinkedHashMap<String, String> queries;

  public InMemoryRequestLog(int capacity) {
    this.capacity = Checks.atLeast("capacity", capacity, 1);
    this.queries =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > InMemoryRequestLog.this.capacity;
          }
        };
  }

  /** Remembers the query served under {@code requestId}. */
  public synchronized void record(String requestId, String query) {
    Checks.nonBlank("request_id", requestId);
    if (query == null) {
      throw new dev.funnel.core.InvalidInputException("query", null, "expected the query text of the request");
    }
    queries.put(requestId, query);
  }

  @Override
  public synchronized Optional<String> query(String requestId) {
    return Optional.ofNullable(queries.get(requestId));
  }

  public synchronized int size() {
    return queries.size();
  }
}
