package dev.funnel.server.ops;

import java.util.List;

/**
 * What the request being handled on this thread served, as told by the code that served it:
 * its request id and the strategies it ran. The server clears it when a request starts and reads
 * it when the request ends (for the access log, the {@code X-Request-Id} header and the
 * per-strategy latency). Handlers run on their request's thread, so a thread-local suffices.
 */
public final class RequestScope {
  private static final ThreadLocal<Served> CURRENT = new ThreadLocal<>();

  /** What one request served. */
  public record Served(String requestId, List<String> strategies) {
    public Served {
      strategies = strategies == null ? List.of() : List.copyOf(strategies);
    }
  }

  private RequestScope() {}

  /** Tells the server what the current request served (the last call wins). */
  public static void served(String requestId, List<String> strategies) {
    CURRENT.set(new Served(requestId, strategies));
  }

  /** What the current request served, or null; clears it. */
  static Served take() {
    Served s = CURRENT.get();
    CURRENT.remove();
    return s;
  }

  static void clear() {
    CURRENT.remove();
  }
}
