package dev.funnel.rank;

import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.Provenance;
import dev.funnel.core.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * For each configured retrieval strategy: its raw score ({@code <s>.score}), the reciprocal of
 * its 1-based rank ({@code <s>.rr}) and whether it found the item ({@code <s>.found}); all 0
 * when the strategy did not return the item. Then {@code strategies.found}, the number of
 * configured strategies that found it. Strategies not configured here are ignored.
 */
public final class StrategyFeatures implements FeatureExtractor {
  private final List<String> strategies;
  private final List<String> names;

  public StrategyFeatures(List<String> strategies) {
    this.strategies = List.copyOf(strategies);
    if (this.strategies.isEmpty()) {
      throw new InvalidInputException("strategies", "[]", "expected at least one strategy name");
    }
    List<String> n = new ArrayList<>();
    for (String s : this.strategies) {
      Checks.nonBlank("strategy", s);
      n.add(s + ".score");
      n.add(s + ".rr");
      n.add(s + ".found");
    }
    n.add("strategies.found");
    this.names = List.copyOf(n);
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public void extract(Query query, Candidate candidate, Item item, float[] out, int offset) {
    int found = 0;
    for (int s = 0; s < strategies.size(); s++) {
      Provenance best = null;
      for (Provenance p : candidate.provenance()) {
        if (p.strategy().equals(strategies.get(s)) && (best == null || p.rank() < best.rank())) {
          best = p;
        }
      }
      int o = offset + 3 * s;
      if (best == null) {
        out[o] = 0;
        out[o + 1] = 0;
        out[o + 2] = 0;
      } else {
        out[o] = (float) best.rawScore();
        out[o + 1] = 1f / best.rank();
        out[o + 2] = 1;
        found++;
      }
    }
    out[offset + 3 * strategies.size()] = found;
  }
}
