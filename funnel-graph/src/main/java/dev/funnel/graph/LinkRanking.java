package dev.funnel.graph;

/**
 * Ranking of a held-out edge u -> v among all nodes: every node except u itself and u's
 * training out-neighbours is a candidate; the rank of v is {@code 1 + #(score > s_v) +
 * #(score = s_v, other nodes)/2}, the expected rank under random tie-breaking (so a constant
 * scorer gets the rank of a random guess, not the best or worst one).
 */
public final class LinkRanking {
  private LinkRanking() {}

  /** The rank of v for query u; {@code scores} is scratch holding scoreAll(u) and is modified. */
  public static double rank(float[] scores, int u, int v, Graph train) {
    scores[u] = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < train.outDegree(u); i++) {
      int w = train.out(u, i);
      if (w != v) {
        scores[w] = Float.NEGATIVE_INFINITY;
      }
    }
    float sv = scores[v];
    long greater = 0;
    long ties = 0;
    for (int w = 0; w < scores.length; w++) {
      float s = scores[w];
      if (s > sv) {
        greater++;
      } else if (s == sv && w != v && s != Float.NEGATIVE_INFINITY) {
        ties++;
      }
    }
    return 1 + greater + ties / 2.0;
  }

  /** Mean reciprocal rank over (at most {@code limit}, the first) edges of {@code edges}. */
  public static double mrr(LinkScorer scorer, EdgeSample edges, Graph train, int limit) {
    int m = Math.min(limit, edges.size());
    if (m == 0) {
      return 0;
    }
    float[] scores = new float[scorer.nodeCount()];
    double sum = 0;
    for (int i = 0; i < m; i++) {
      int u = edges.sources()[i];
      scorer.scoreAll(u, scores);
      sum += 1.0 / rank(scores, u, edges.targets()[i], train);
    }
    return sum / m;
  }
}
