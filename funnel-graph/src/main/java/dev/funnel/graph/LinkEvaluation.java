package dev.funnel.graph;

import dev.funnel.core.metrics.BinaryMetrics;
import dev.funnel.core.metrics.RankingMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Held-out link prediction metrics of a {@link LinkScorer}. For each test edge u -> v all nodes
 * are ranked for u, excluding u and its training out-neighbours ({@link LinkRanking}): HR@10,
 * HR@20 (v within the top k) and MRR (mean of 1/rank). Direction AUC: over test edges whose
 * reverse v -> u is not an edge of the full graph, the AUC ({@link BinaryMetrics#auc}) of
 * score(u -> v) (positives) against score(v -> u) (negatives), pooled over edges; direction
 * accuracy: over the same edges, the share with score(u -> v) > score(v -> u) (ties count 1/2),
 * a paired comparison, so a symmetric term added to a score leaves it unchanged. All metrics are also reported per
 * bucket of the query node's total degree (in + out) in the training graph (1-2, 3-10, >10), and
 * per bucket of its in-degree and of its out-degree alone (0, 1-2, 3-10, >10).
 */
public final class LinkEvaluation {
  /** Degree buckets by total training degree of the query node u. */
  public static final List<String> BUCKETS = List.of("1-2", "3-10", ">10");
  /** Buckets by in-degree or out-degree alone, which can be 0. */
  public static final List<String> DIRECTED_BUCKETS = List.of("0", "1-2", "3-10", ">10");

  private LinkEvaluation() {}

  /** Metrics of one group of test edges. */
  public record Metrics(double hr10, double hr20, double mrr, double directionAuc, double directionAccuracy, int edges,
      int directionPairs) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("hr@10", hr10);
      m.put("hr@20", hr20);
      m.put("mrr", mrr);
      m.put("direction_auc", Double.isNaN(directionAuc) ? null : directionAuc);
      m.put("direction_accuracy", Double.isNaN(directionAccuracy) ? null : directionAccuracy);
      m.put("test_edges", edges);
      m.put("direction_pairs", directionPairs);
      return m;
    }
  }

  /**
   * Overall metrics and per-bucket metrics of the query node's total, in- and out-degree;
   * {@code ranks} holds the rank of every test edge (in test order), for bootstrap intervals.
   */
  public record Report(Metrics overall, Map<String, Metrics> byDegree, Map<String, Metrics> byInDegree,
      Map<String, Metrics> byOutDegree, double[] ranks) {}

  public static String bucket(int degree) {
    return degree == 0 ? "0" : degree <= 2 ? "1-2" : degree <= 10 ? "3-10" : ">10";
  }

  public static Report evaluate(LinkScorer scorer, Graph full, Graph train, EdgeSample test) {
    int m = test.size();
    double[] ranks = new double[m];
    float[] scores = new float[scorer.nodeCount()];
    for (int i = 0; i < m; i++) {
      int u = test.sources()[i];
      scorer.scoreAll(u, scores);
      ranks[i] = LinkRanking.rank(scores, u, test.targets()[i], train);
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      all.add(i);
    }
    return new Report(metrics(scorer, full, test, ranks, all),
        byBucket(scorer, full, test, ranks, BUCKETS, u -> train.outDegree(u) + train.inDegree(u)),
        byBucket(scorer, full, test, ranks, DIRECTED_BUCKETS, train::inDegree),
        byBucket(scorer, full, test, ranks, DIRECTED_BUCKETS, train::outDegree), ranks);
  }

  private static Map<String, Metrics> byBucket(LinkScorer scorer, Graph full, EdgeSample test, double[] ranks, List<String> buckets,
      java.util.function.IntUnaryOperator degree) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    buckets.forEach(b -> groups.put(b, new ArrayList<>()));
    for (int i = 0; i < ranks.length; i++) {
      groups.computeIfAbsent(bucket(degree.applyAsInt(test.sources()[i])), b -> new ArrayList<>()).add(i);
    }
    Map<String, Metrics> by = new LinkedHashMap<>();
    groups.forEach((b, idx) -> by.put(b, metrics(scorer, full, test, ranks, idx)));
    return by;
  }

  private static Metrics metrics(LinkScorer scorer, Graph full, EdgeSample test, double[] ranks, List<Integer> idx) {
    double hr10 = 0;
    double hr20 = 0;
    double rr = 0;
    List<Double> dirScores = new ArrayList<>();
    double correct = 0;
    for (int i : idx) {
      hr10 += hit(ranks[i], 10);
      hr20 += hit(ranks[i], 20);
      rr += 1.0 / ranks[i];
      int u = test.sources()[i];
      int v = test.targets()[i];
      if (!full.hasEdge(v, u)) {
        double forward = scorer.score(u, v);
        double backward = scorer.score(v, u);
        dirScores.add(forward);
        dirScores.add(backward);
        correct += forward > backward ? 1 : forward == backward ? 0.5 : 0;
      }
    }
    int k = idx.size();
    double auc = Double.NaN;
    if (!dirScores.isEmpty()) {
      double[] s = new double[dirScores.size()];
      boolean[] y = new boolean[s.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = dirScores.get(i);
        y[i] = i % 2 == 0;
      }
      auc = BinaryMetrics.auc(s, y);
    }
    int pairs = dirScores.size() / 2;
    double acc = pairs == 0 ? Double.NaN : correct / pairs;
    return k == 0 ? new Metrics(Double.NaN, Double.NaN, Double.NaN, auc, acc, 0, pairs)
        : new Metrics(hr10 / k, hr20 / k, rr / k, auc, acc, k, pairs);
  }

  /** Hit within k for a possibly fractional (tie-averaged) rank. */
  static double hit(double rank, int k) {
    return RankingMetrics.hitAtRank((int) Math.ceil(rank), k);
  }
}
