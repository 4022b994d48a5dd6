package dev.funnel.query;

import java.util.Optional;

/**
 * Where the query of a served request is found when a feedback event does not carry it: the
 * serving layer records {@code requestId -> query text} for each response, and the memory index
 * and query understanding join events to queries through it. Implementations are thread-safe.
 */
public interface RequestLog {
  /** The query text of {@code requestId}, or empty when the request is unknown. */
  Optional<String> query(String requestId);

  /** A request log that knows no request (events must carry their query). */
  RequestLog NONE = requestId -> Optional.empty();
}
