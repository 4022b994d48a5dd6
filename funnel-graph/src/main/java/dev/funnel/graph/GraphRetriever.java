package dev.funnel.graph;

import dev.funnel.core.Candidate;
import dev.funnel.core.Query;
import dev.funnel.core.SeededRetriever;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code graph} retrieval strategy of the search funnel: items related to seed items.
 * Seeds are a typed input ({@link SeededRetriever}): the request's {@code seed_items} (the user's
 * recent items), or the top lexical hits that the serving chain passes. Each seed contributes
 * its top related items; an item's score is the sum of score(seed -> item) over the seeds that
 * retrieved it. Seeds themselves and ids unknown to the model are skipped; no known seed gives an
 * empty list.
 */
public final class GraphRetriever implements SeededRetriever {
  private final RelatedItems related;

  public GraphRetriever(RelatedItems related) {
    this.related = related;
  }

  @Override
  public String name() {
    return RelatedItems.STRATEGY;
  }

  @Override
  public List<Candidate> retrieve(Query query, List<String> seedItems, int k) {
    if (seedItems == null || seedItems.isEmpty() || k < 1) {
      return List.of();
    }
    Set<String> seeds = new LinkedHashSet<>();
    for (String s : seedItems) {
      String id = s == null ? "" : s.strip();
      if (!id.isEmpty() && related.model().indexOf(id) >= 0) {
        seeds.add(id);
      }
    }
    Map<String, Double> sum = new HashMap<>();
    for (String seed : seeds) {
      for (Candidate c : related.related(seed, k + seeds.size())) {
        if (!seeds.contains(c.itemId())) {
          sum.merge(c.itemId(), c.score(), Double::sum);
        }
      }
    }
    List<Map.Entry<String, Double>> ranked = new ArrayList<>(sum.entrySet());
    ranked.sort((a, b) -> !a.getValue().equals(b.getValue()) ? Double.compare(b.getValue(), a.getValue())
        : a.getKey().compareTo(b.getKey()));
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < ranked.size() && i < k; i++) {
      out.add(Candidate.of(ranked.get(i).getKey(), name(), ranked.get(i).getValue(), i + 1));
    }
    return out;
  }
}
