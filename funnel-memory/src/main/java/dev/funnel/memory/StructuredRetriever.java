package dev.funnel.memory;

import dev.funnel.core.Candidate;
import dev.funnel.core.Filters;
import dev.funnel.core.Provenance;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import dev.funnel.query.Interpretation;
import dev.funnel.query.QueryUnderstanding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code structured} strategy: runs the injected {@link Search} with an interpretation's
 * filters (merged with the request's own filters, which win on conflict) and boosts. The serving
 * chain interprets each query once and passes that {@link Interpretation} to {@link
 * #retrieve(Query, Interpretation, int)}; {@link #retrieve(Query, int)} (for callers without one)
 * interprets the query itself. When the filtered search returns fewer than {@code k} items, it
 * searches again with the interpretation's filters turned into boosts and appends the new items
 * after the filtered ones (a wrong filter then costs ranks, not recall). Candidates carry
 * provenance {@code structured} with the inner retriever's raw score; the candidate score is that
 * score capped by the previous candidate's, so scores never increase down the list.
 */
public final class StructuredRetriever implements Retriever {
  public static final String NAME = "structured";

  /** A text retriever that understands filters and boosts (e.g. one Lucene query with FILTER and SHOULD clauses). */
  @FunctionalInterface
  public interface Search {
    List<Candidate> search(StructuredQuery query, int k);
  }

  private final QueryUnderstanding understanding;
  private final Search search;

  public StructuredRetriever(QueryUnderstanding understanding, Search search) {
    this.understanding = understanding;
    this.search = search;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Filters are passed to the search, which applies them. */
  @Override
  public boolean appliesFilters() {
    return true;
  }

  @Override
  public List<Candidate> retrieve(Query query, int k) {
    return retrieve(query, understanding.interpret(query.text()), k);
  }

  /** The structured search for {@code query} read as {@code in}. */
  public List<Candidate> retrieve(Query query, Interpretation in, int k) {
    String text = in.residual().isBlank() ? query.text() : in.residual();
    Filters filters = query.filters().withDefaults(in.filters());
    List<Candidate> first = search.search(new StructuredQuery(new Query(text, filters, query.context()), in.boosts(), in), k);
    List<Candidate> all = new ArrayList<>(first.size() > k ? first.subList(0, k) : first);
    if (all.size() < k && !in.filters().isEmpty()) {
      List<Interpretation.Boost> relaxedBoosts = new ArrayList<>(in.boosts());
      for (Interpretation.Span s : in.spans()) {
        if (s.filter()) {
          relaxedBoosts.add(new Interpretation.Boost(s.field(), s.value(), s.confidence()));
        }
      }
      Query relaxed = new Query(query.text(), query.filters(), query.context());
      Set<String> seen = new HashSet<>();
      all.forEach(c -> seen.add(c.itemId()));
      for (Candidate c : search.search(new StructuredQuery(relaxed, relaxedBoosts, in), k)) {
        if (all.size() >= k) {
          break;
        }
        if (seen.add(c.itemId())) {
          all.add(c);
        }
      }
    }
    List<Candidate> out = new ArrayList<>(all.size());
    double cap = Double.POSITIVE_INFINITY;
    for (int i = 0; i < all.size(); i++) {
      Candidate c = all.get(i);
      double score = Math.min(c.score(), cap);
      cap = score;
      out.add(new Candidate(c.itemId(), score, List.of(new Provenance(NAME, c.score(), i + 1))));
    }
    return out;
  }
}
