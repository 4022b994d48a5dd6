package dev.funnel.learning.sim;

import dev.funnel.core.Candidate;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the answers of a retriever over a catalog that does not change during a simulation
 * (bm25, dense, hybrid), keyed by query text, filters and k, so that replaying a query thousands
 * of times does not embed it thousands of times. Only for static strategies: memory and
 * structured learn from feedback and are never cached.
 */
final class CachedRetriever implements Retriever {
  private final Retriever inner;
  private final Map<String, List<Candidate>> cache = new ConcurrentHashMap<>();

  CachedRetriever(Retriever inner) {
    this.inner = inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public boolean appliesFilters() {
    return inner.appliesFilters();
  }

  @Override
  public List<Candidate> retrieve(Query query, int k) {
    return cache.computeIfAbsent(k + "\u0000" + query.filters() + "\u0000" + query.text(), x -> List.copyOf(inner.retrieve(query, k)));
  }
}
