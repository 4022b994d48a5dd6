package dev.funnel.core;

import java.util.List;

/**
 * One candidate-retrieval strategy. Implementations are built once (immutable state, opened
 * indexes) and then called from many threads at once.
 */
public interface Retriever {
  /** The strategy name used in requests, provenance, bandit actions and metrics. */
  String name();

  /**
   * Up to {@code k} candidates for the query, best first, each with this strategy's provenance.
   * Scores are the strategy's own (not comparable across strategies).
   */
  List<Candidate> retrieve(Query query, int k);

  /**
   * Whether this strategy applies the query's {@link Filters} itself (a Lucene strategy adds them
   * as FILTER clauses); when false, the serving chain over-fetches and keeps the candidates that
   * {@link Filters#matches match}, so every strategy honours the request's filters.
   */
  default boolean appliesFilters() {
    return false;
  }
}
