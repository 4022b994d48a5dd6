package dev.funnel.server;

import dev.funnel.core.InvalidInputException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much work one request may ask for, and how many requests the server works on at once.
 * Past a size limit a request is refused before any work with a 400 (413 for the body) naming the
 * limit; a request still running at its {@code deadline} answers what it has, marked {@code
 * partial}; when {@code maxConcurrent} requests are running, up to {@code maxQueued} more wait
 * for a slot (at most half the deadline) and any others get a 503 with {@code Retry-After}
 * (load shedding instead of an unbounded queue). {@code GET /health} is never limited.
 *
 * @param maxBodyBytes largest request body
 * @param maxQueryChars longest {@code query} string
 * @param maxQueryTerms most whitespace-separated terms in a {@code query}
 * @param maxK largest {@code k}
 * @param maxRequestCandidates most candidates one request may retrieve (all strategies together)
 * @param deadline time budget of one request, from its arrival
 * @param maxConcurrent requests worked on at once
 * @param maxQueued requests waiting for a slot at most
 */
public record RequestLimits(
    long maxBodyBytes,
    int maxQueryChars,
    int maxQueryTerms,
    int maxK,
    int maxRequestCandidates,
    Duration deadline,
    int maxConcurrent,
    int maxQueued) {

  public RequestLimits {
    positive("max_body_bytes", maxBodyBytes);
    positive("max_query_chars", maxQueryChars);
    positive("max_query_terms", maxQueryTerms);
    positive("max_k", maxK);
    positive("max_request_candidates", maxRequestCandidates);
    positive("max_concurrent", maxConcurrent);
    if (maxQueued < 0) {
      throw new InvalidInputException("max_queued", maxQueued, "expected 0 or more");
    }
    if (deadline == null || deadline.isNegative() || deadline.isZero()) {
      throw new InvalidInputException("deadline", deadline, "expected a positive duration");
    }
  }

  /**
   * Defaults: 1 MiB bodies (an event batch of a few thousand events), queries of 1,024
   * characters and 64 terms (far above real search queries; a 200k-term query held a core for
   * seconds), k up to 1,000, 2,000 candidates, 2 s per request, 2 requests per core at once (the
   * work is CPU-bound: embedding, Lucene and LightGBM all run in the process, so more requests at
   * once only share the cores and all finish later; two per core cover the event log's fsync
   * waits) and 64 waiting in arrival order (about the deadline's worth of requests at the 2-core
   * machine's full-funnel rate).
   */
  public static RequestLimits defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new RequestLimits(1 << 20, 1024, 64, 1000, 2000, Duration.ofSeconds(2), Math.max(2, 2 * cores), 64);
  }

  /** No limits worth the name (embedded uses and tests that need none). */
  public static RequestLimits unlimited() {
    return new RequestLimits(32L << 20, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofDays(1),
        10_000, 10_000);
  }

  /** Whitespace-separated terms of a query (what {@link #maxQueryTerms} counts). */
  public static int terms(String query) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < query.length(); i++) {
      boolean space = Character.isWhitespace(query.charAt(i));
      if (!space && !in) {
        n++;
      }
      in = !space;
    }
    return n;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("max_body_bytes", maxBodyBytes);
    m.put("max_query_chars", maxQueryChars);
    m.put("max_query_terms", maxQueryTerms);
    m.put("max_k", maxK);
    m.put("max_request_candidates", maxRequestCandidates);
    m.put("deadline_ms", deadline.toMillis());
    m.put("max_concurrent", maxConcurrent);
    m.put("max_queued", maxQueued);
    return m;
  }

  private static void positive(String field, long v) {
    if (v < 1) {
      throw new InvalidInputException(field, v, "expected a positive number");
    }
  }
}
