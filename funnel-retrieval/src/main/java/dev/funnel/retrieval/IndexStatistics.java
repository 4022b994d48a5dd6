package dev.funnel.retrieval;

import dev.funnel.core.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a snapshot holds, for regression files and reports: live documents, distinct terms of the
 * searchable text field, tokens in it, and stored vectors. Two builds of the same catalog with the
 * same configuration have equal statistics (and the same results).
 *
 * @param docs live documents
 * @param terms distinct terms of the searchable text field
 * @param tokens total term occurrences in the searchable text field
 * @param vectors documents with a vector
 * @param segments Lucene segments (1 after a completed build)
 */
public record IndexStatistics(long docs, long terms, long tokens, long vectors, int segments) {
  public IndexStatistics {
    Checks.atLeast("docs", docs, 0);
    Checks.atLeast("terms", terms, 0);
    Checks.atLeast("tokens", tokens, 0);
    Checks.atLeast("vectors", vectors, 0);
    Checks.atLeast("segments", segments, 0);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("docs", docs);
    m.put("terms", terms);
    m.put("tokens", tokens);
    m.put("vectors", vectors);
    m.put("segments", segments);
    return m;
  }
}
