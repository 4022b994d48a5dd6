package dev.funnel.retrieval;

import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.Provenance;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import java.util.ArrayList;
import java.util.List;

/**
 * Lexical plus dense retrieval fused into one list. Each side retrieves {@code max(k,
 * fusionDepth)} candidates; {@link Method#RRF} fuses them by reciprocal rank (constant {@code
 * rrfK}), {@link Method#MIN_MAX} by min-max normalised scores weighted {@code 1 - denseWeight}
 * (lexical) and {@code denseWeight} (dense). The first provenance entry is this strategy with
 * its fused score and rank; the following ones are the lexical and dense entries of the item.
 */
final class HybridRetriever implements Retriever {
  enum Method {
    RRF,
    MIN_MAX
  }

  private final String name;
  private final Retriever lexical;
  private final Retriever dense;
  private final Method method;
  private final SearchSettings settings;

  HybridRetriever(String name, Retriever lexical, Retriever dense, Method method, SearchSettings settings) {
    this.name = Checks.nonBlank("name", name);
    this.lexical = lexical;
    this.dense = dense;
    this.method = method;
    this.settings = settings;
  }

  @Override
  public String name() {
    return name;
  }

  /** Filters are FILTER clauses of this strategy's Lucene query. */
  @Override
  public boolean appliesFilters() {
    return true;
  }

  @Override
  public List<Candidate> retrieve(Query query, int k) {
    Checks.atLeast("k", k, 1);
    int depth = Math.max(k, settings.fusionDepth());
    List<List<Candidate>> lists = List.of(lexical.retrieve(query, depth), dense.retrieve(query, depth));
    List<Candidate> fused = method == Method.RRF
        ? Fusion.reciprocalRank(lists, settings.rrfK(), k)
        : Fusion.minMax(lists, new double[] {1 - settings.denseWeight(), settings.denseWeight()}, k);
    List<Candidate> out = new ArrayList<>(fused.size());
    for (int i = 0; i < fused.size(); i++) {
      Candidate c = fused.get(i);
      List<Provenance> prov = new ArrayList<>();
      prov.add(new Provenance(name, c.score(), i + 1));
      prov.addAll(c.provenance());
      out.add(new Candidate(c.itemId(), c.score(), prov));
    }
    return out;
  }
}
