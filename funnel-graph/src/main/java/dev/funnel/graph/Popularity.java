package dev.funnel.graph;

import java.util.Map;

/** The in-degree baseline: score(u -> v) = number of training edges into v, for every u. */
public final class Popularity implements LinkMethod {
  @Override
  public String name() {
    return "popularity";
  }

  @Override
  public LinkScorer train(Graph train, EdgeSample validation, long seed) {
    int n = train.nodeCount();
    float[] indeg = new float[n];
    for (int v = 0; v < n; v++) {
      indeg[v] = train.inDegree(v);
    }
    return new LinkScorer() {
      @Override
      public int nodeCount() {
        return n;
      }

      @Override
      public double score(int u, int v) {
        return indeg[v];
      }

      @Override
      public void scoreAll(int u, float[] out) {
        System.arraycopy(indeg, 0, out, 0, n);
      }
    };
  }

  @Override
  public Map<String, Object> config() {
    return Map.of();
  }
}
