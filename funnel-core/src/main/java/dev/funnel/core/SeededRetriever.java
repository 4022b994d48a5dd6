package dev.funnel.core;

import java.util.List;

/**
 * A strategy that retrieves from seed items rather than from the query text (for example the
 * items related to the user's recent items in a graph). The serving chain passes the request's
 * {@code seed_items}, or, when it has none, the top hits of the lexical strategy; {@link
 * #retrieve(Query, int)} without seeds finds nothing.
 */
public interface SeededRetriever extends Retriever {
  /** Up to {@code k} candidates for {@code seeds} (unknown seeds are skipped), best first, with this strategy's provenance. */
  List<Candidate> retrieve(Query query, List<String> seeds, int k);

  @Override
  default List<Candidate> retrieve(Query query, int k) {
    return List.of();
  }
}
