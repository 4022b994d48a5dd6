package dev.funnel.serving.chain;

import dev.funnel.bandit.Action;
import dev.funnel.core.Candidate;
import dev.funnel.core.Filters;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import dev.funnel.core.SeededRetriever;
import dev.funnel.memory.StructuredRetriever;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Retrieve: runs the decided strategies with their budgets, in the action's strategy order, each
 * returning candidates with provenance. Its inputs are typed: the query with the request's
 * filters, the interpretation (the {@code structured} strategy reads it instead of interpreting
 * again), and seed items for {@link SeededRetriever}s (run after the others: the request's {@code
 * seed_items}, or else the top {@code graphSeeds} hits of {@value #SEED_STRATEGY}).
 *
 * <p>Filters apply to every strategy: one that does not apply them itself ({@link
 * Retriever#appliesFilters()} false: memory, graph) is asked for {@value #FILTER_OVERFETCH} times
 * its budget and its candidates are kept only when their item {@link Filters#matches matches},
 * up to the budget. Once the request's deadline has passed, the strategies not yet run are
 * skipped (the first always runs, so a late request still has candidates) and the exchange is
 * marked partial.
 */
public final class RetrieveStage implements Stage {
  /** The lexical strategy that seeds seeded strategies when the request has no seeds of its own. */
  public static final String SEED_STRATEGY = "bm25";
  /** How many more candidates a strategy that does not filter is asked for when filters will drop some. */
  public static final int FILTER_OVERFETCH = 4;

  private final Map<String, Retriever> retrievers;
  private final Function<String, Optional<Item>> catalog;
  private final int graphSeeds;

  public RetrieveStage(Map<String, Retriever> retrievers, Function<String, Optional<Item>> catalog, int graphSeeds) {
    this.retrievers = Map.copyOf(retrievers);
    this.catalog = catalog;
    this.graphSeeds = graphSeeds;
  }

  @Override
  public String name() {
    return "retrieve";
  }

  @Override
  public void apply(Exchange x, Chain next) {
    Action action = x.decision().action();
    Map<String, List<Candidate>> out = new LinkedHashMap<>();
    boolean cut = false;
    List<Map.Entry<String, Integer>> seeded = new ArrayList<>();
    for (Map.Entry<String, Integer> e : action.budgets().entrySet()) {
      Retriever r = retrievers.get(e.getKey());
      if (r instanceof SeededRetriever) {
        seeded.add(e);
        continue;
      }
      if (!out.isEmpty() && x.deadline().passed()) {
        cut = true;
        continue;
      }
      out.put(e.getKey(), filtered(r, x, e.getValue(), (q, k) -> r instanceof StructuredRetriever s ? s.retrieve(q, x.interpretation(), k) : r.retrieve(q, k)));
    }
    for (Map.Entry<String, Integer> e : seeded) {
      if (!out.isEmpty() && x.deadline().passed()) {
        cut = true;
        continue;
      }
      SeededRetriever r = (SeededRetriever) retrievers.get(e.getKey());
      List<String> seeds = seeds(x, out);
      out.put(e.getKey(), filtered(r, x, e.getValue(), (q, k) -> r.retrieve(q, seeds, k)));
    }
    x.lists(out, cut);
    next.proceed(x);
  }

  @FunctionalInterface
  private interface Call {
    List<Candidate> retrieve(Query query, int k);
  }

  /** The strategy's candidates under the request's filters: its own filtering, or over-fetch and match. */
  private List<Candidate> filtered(Retriever r, Exchange x, int budget, Call call) {
    Filters filters = x.query().filters();
    if (filters.isEmpty() || r.appliesFilters()) {
      return call.retrieve(x.query(), budget);
    }
    List<Candidate> kept = new ArrayList<>(budget);
    for (Candidate c : call.retrieve(x.query(), budget * FILTER_OVERFETCH)) {
      if (kept.size() >= budget) {
        break;
      }
      if (catalog.apply(c.itemId()).map(filters::matches).orElse(false)) {
        kept.add(c);
      }
    }
    return kept;
  }

  /** The request's seed items, or the top lexical hits of this request (retrieved now when the lexical strategy did not run deep enough). */
  private List<String> seeds(Exchange x, Map<String, List<Candidate>> lists) {
    if (!x.request().seedItems().isEmpty()) {
      return x.request().seedItems();
    }
    List<Candidate> lexical = lists.get(SEED_STRATEGY);
    if (lexical == null || lexical.size() < graphSeeds) {
      Retriever r = retrievers.get(SEED_STRATEGY);
      lexical = r == null ? List.of() : r.retrieve(x.query(), graphSeeds);
    }
    return lexical.stream().limit(graphSeeds).map(Candidate::itemId).toList();
  }
}
