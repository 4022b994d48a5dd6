package dev.funnel.serving;

import dev.funnel.query.RequestLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The served requests of the last {@code capacity} searches by request id (oldest evicted first):
 * the join key between feedback events and what was shown. Implements the memory module's
 * {@link RequestLog}, so the memory index and query understanding find an event's query here.
 * Thread-safe.
 */
public final class FunnelRequestLog implements RequestLog {
  private final int capacity;
  private final LinkedHashMap<String, ServedRequest> byId = new LinkedHashMap<>();

  public FunnelRequestLog(int capacity) {
    this.capacity = dev.funnel.core.Checks.atLeast("capacity", capacity, 1);
  }

  public synchronized void record(ServedRequest r) {
    byId.put(r.requestId(), r);
    if (byId.size() > capacity) {
      var it = byId.entrySet().iterator();
      it.next();
      it.remove();
    }
  }

  public synchronized Optional<ServedRequest> get(String requestId) {
    return Optional.ofNullable(byId.get(requestId));
  }

  /** True when {@code requestId} was served and is still remembered (the events API's known-request test). */
  public synchronized boolean contains(String requestId) {
    return byId.containsKey(requestId);
  }

  @Override
  public synchronized Optional<String> query(String requestId) {
    ServedRequest r = byId.get(requestId);
    return r == null ? Optional.empty() : Optional.of(r.query().text());
  }

  public synchronized int size() {
    return byId.size();
  }

  /** The remembered requests, oldest first. */
  public synchronized List<ServedRequest> all() {
    return new ArrayList<>(byId.values());
  }
}
