package dev.funnel.memory;

import dev.funnel.query.Interpretation;
import dev.funnel.query.QueryNormalizer;

import dev.funnel.core.Candidate;
import dev.funnel.core.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A brute-force text retriever for tests: items must hold every filter value; score = number of
 * query terms found in the item's text and keyword values + the weights of matched boosts.
 */
final class InMemoryStructuredSearch implements StructuredRetriever.Search {
  private final List<Item> items;
  final List<StructuredQuery> calls = new ArrayList<>();

  InMemoryStructuredSearch(List<Item> items) {
    this.items = items;
  }

  @Override
  public synchronized List<Candidate> search(StructuredQuery q, int k) {
    calls.add(q);
    Set<String> terms = new HashSet<>(QueryNormalizer.TERMS.tokens(q.query().text()));
    List<Candidate> out = new ArrayList<>();
    for (Item item : items) {
      if (!q.query().filters().matches(item)) {
        continue;
      }
      Set<String> words = new HashSet<>(QueryNormalizer.TERMS.tokens(item.allText() + " " + item.keywords().values()));
      double score = 0;
      for (String t : terms) {
        score += words.contains(t) ? 1 : 0;
      }
      for (Interpretation.Boost b : q.boosts()) {
        score += item.keywords().getOrDefault(b.field(), List.of()).contains(b.value()) ? b.weight() : 0;
      }
      if (score > 0) {
        out.add(Candidate.of(item.id(), "text", score, 1));
      }
    }
    out.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::itemId));
    return out.size() > k ? out.subList(0, k) : out;
  }
}
