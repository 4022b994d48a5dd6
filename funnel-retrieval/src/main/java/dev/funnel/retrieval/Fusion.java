package dev.funnel.retrieval;

import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.Provenance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merging ranked lists from several strategies into one. Every fused candidate keeps the
 * provenance entries of all lists that contained it (one per strategy name, first seen wins),
 * so a user sees which strategies found an item, with their raw scores and ranks. Ties in the
 * fused score are broken by item id ascending.
 */
public final class Fusion {
  private Fusion() {}

  /**
   * Reciprocal-rank fusion (Cormack, Clarke and Buettcher, SIGIR 2009): {@code score(d) = sum
   * over lists of 1 / (rrfK + rank(d))}, ranks 1-based, absent items contribute nothing.
   */
  public static List<Candidate> reciprocalRank(List<List<Candidate>> lists, int rrfK, int k) {
    Checks.atLeast("rrfK", rrfK, 1);
    Map<String, Acc> acc = new LinkedHashMap<>();
    for (List<Candidate> list : lists) {
      for (int i = 0; i < list.size(); i++) {
        Candidate c = list.get(i);
        acc.computeIfAbsent(c.itemId(), Acc::new).add(1.0 / (rrfK + i + 1), c.provenance());
      }
    }
    return top(acc, k);
  }

  /**
   * Weighted min-max fusion: each list's scores are rescaled to [0, 1] by its own minimum and
   * maximum (all 1 when they are equal), then {@code score(d) = sum of weight_i * scaled_i(d)},
   * absent items contributing 0 (the convex combination studied by Bruch, Gai and Ingber, "An
   * Analysis of Fusion Functions for Hybrid Retrieval", TOIS 2023).
   */
  public static List<Candidate> minMax(List<List<Candidate>> lists, double[] weights, int k) {
    if (weights.length != lists.size()) {
      throw new dev.funnel.core.InvalidInputException("weights", weights.length, "expected one weight per list (" + lists.size() + ")");
    }
    Map<String, Acc> acc = new LinkedHashMap<>();
    for (int l = 0; l < lists.size(); l++) {
      List<Candidate> list = lists.get(l);
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (Candidate c : list) {
        min = Math.min(min, c.score());
        max = Math.max(max, c.score());
      }
      double w = Checks.nonNegative("weights[" + l + "]", weights[l]);
      for (Candidate c : list) {
        double scaled = max > min ? (c.score() - min) / (max - min) : 1.0;
        acc.computeIfAbsent(c.itemId(), Acc::new).add(w * scaled, c.provenance());
      }
    }
    return top(acc, k);
  }

  private static List<Candidate> top(Map<String, Acc> acc, int k) {
    Checks.atLeast("k", k, 1);
    List<Acc> all = new ArrayList<>(acc.values());
    all.sort(Comparator.comparingDouble((Acc a) -> a.score).reversed().thenComparing(a -> a.id));
    List<Candidate> out = new ArrayList<>(Math.min(k, all.size()));
    for (int i = 0; i < Math.min(k, all.size()); i++) {
      Acc a = all.get(i);
      out.add(new Candidate(a.id, a.score, new ArrayList<>(a.provenance.values())));
    }
    return out;
  }

  private static final class Acc {
    final String id;
    double score;
    final Map<String, Provenance> provenance = new LinkedHashMap<>();

    Acc(String id) {
      this.id = id;
    }

    void add(double s, List<Provenance> from) {
      score += s;
      for (Provenance p : from) {
        provenance.putIfAbsent(p.strategy(), p);
      }
    }
  }
}
