package dev.funnel.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ranking metrics over one ranked list and its graded judgments ({@code doc -> grade}, grade > 0
 * means relevant). Conventions follow trec_eval: nDCG uses linear gains (the grade itself) and
 * a log2(rank + 1) discount; the ideal ranking sorts all judged grades; a query with no relevant
 * document scores 0 on every metric (callers decide whether to keep such queries).
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /** nDCG@k with linear gains, as trec_eval's {@code ndcg_cut.k}. */
  public static double ndcg(List<String> ranked, Map<String, ? extends Number> grades, int k) {
    double dcg = 0;
    int n = Math.min(k, ranked.size());
    for (int i = 0; i < n; i++) {
      Number g = grades.get(ranked.get(i));
      if (g != null && g.doubleValue() > 0) {
        dcg += g.doubleValue() / log2(i + 2);
      }
    }
    List<Double> ideal = new ArrayList<>();
    for (Number g : grades.values()) {
      if (g.doubleValue() > 0) {
        ideal.add(g.doubleValue());
      }
    }
    ideal.sort((a, b) -> Double.compare(b, a));
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += ideal.get(i) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  /** Fraction of the relevant documents found in the first k. */
  public static double recall(List<String> ranked, Map<String, ? extends Number> grades, int k) {
    long relevant = grades.values().stream().filter(g -> g.doubleValue() > 0).count();
    if (relevant == 0) {
      return 0;
    }
    int found = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      Number g = grades.get(ranked.get(i));
      if (g != null && g.doubleValue() > 0) {
        found++;
      }
    }
    return found / (double) relevant;
  }

  /** Reciprocal rank of the first relevant document within the first k, else 0. */
  public static double mrr(List<String> ranked, Map<String, ? extends Number> grades, int k) {
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      Number g = grades.get(ranked.get(i));
      if (g != null && g.doubleValue() > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  /** 1 if any relevant document is within the first k, else 0. */
  public static double hit(List<String> ranked, Map<String, ? extends Number> grades, int k) {
    return mrr(ranked, grades, k) > 0 ? 1 : 0;
  }

  /**
   * Hit within k for one target given its 1-based rank among all candidates (rank computed by
   * the caller, e.g. number of strictly higher scores + 1).
   */
  public static double hitAtRank(int rank, int k) {
    return rank >= 1 && rank <= k ? 1 : 0;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
