package dev.funnel.bandit;

import dev.funnel.core.Checks;
import dev.funnel.core.Query;
import java.time.Instant;

/**
 * What the bandit knows about a request before choosing strategies: the query length in tokens,
 * the query-understanding intent or type (e.g. {@code navigational}, {@code keyword}; null when
 * unknown), the request time (null when unknown) and an optional user segment.
 */
public record BanditContext(int queryLength, String intent, Instant time, String segment) {
  public BanditContext {
    Checks.atLeast("query_length", queryLength, 0);
    intent = blankToNull(intent);
    segment = blankToNull(segment);
  }

  /** A context from raw query text: its length is the number of whitespace-separated tokens. */
  public static BanditContext ofQuery(String queryText, String intent, Instant time, String segment) {
    String t = queryText == null ? "" : queryText.strip();
    int tokens = t.isEmpty() ? 0 : t.split("\\s+").length;
    return new BanditContext(tokens, intent, time, segment);
  }

  /** The context of a search request: its text, its time and segment, and the QU intent (may be null). */
  public static BanditContext of(Query query, String intent) {
    return ofQuery(query.text(), intent, query.context().time(), query.context().segment());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
