package dev.funnel.memory;

import dev.funnel.query.Interpretation;

import dev.funnel.core.Query;
import java.util.List;

/**
 * What the {@code structured} strategy asks of a text retriever: {@code query} carries the text
 * to match (the residual free text, or the whole query when nothing is left) and the keyword
 * filters every result must satisfy; {@code boosts} are field values that should raise an item's
 * score by their weight (e.g. SHOULD clauses on keyword fields in Lucene); {@code interpretation}
 * is the reading they came from.
 */
public record StructuredQuery(Query query, List<Interpretation.Boost> boosts, Interpretation interpretation) {
  public StructuredQuery {
    if (query == null) {
      throw new dev.funnel.core.InvalidInputException("query", null, "expected a query");
    }
    boosts = List.copyOf(boosts);
  }
}
