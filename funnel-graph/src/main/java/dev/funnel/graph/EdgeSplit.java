package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;
import java.util.SplittableRandom;

/**
 * A seeded train / validation / test split of a graph's edges that keeps every node reachable in
 * training: first a spanning forest of the undirected graph is chosen (Kruskal over edges in
 * random order with union-find) and kept in training; the held-out edges are then drawn at random
 * from the remaining edges: {@code testFraction} and {@code validationFraction} of ALL edges (or
 * fewer when too few non-forest edges remain).
 */
public record EdgeSplit(Graph train, EdgeSample validation, EdgeSample test) {
  public static EdgeSplit of(Graph g, double validationFraction, double testFraction, long seed) {
    if (!(validationFraction >= 0 && testFraction >= 0 && validationFraction + testFraction < 1)) {
      throw new InvalidInputException("fractions", validationFraction + "/" + testFraction,
          "expected validation >= 0, test >= 0 and validation + test < 1");
    }
    int m = g.edgeCount();
    int[] src = g.edgeSources();
    int[] dst = g.edgeTargets();
    SplittableRandom rng = new SplittableRandom(seed);
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    for (int i = m - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] parent = new int[g.nodeCount()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    boolean[] forest = new boolean[m];
    for (int e : order) {
      int a = find(parent, src[e]);
      int b = find(parent, dst[e]);
      if (a != b) {
        parent[a] = b;
        forest[e] = true;
      }
    }
    int nTest = (int) Math.round(testFraction * m);
    int nVal = (int) Math.round(validationFraction * m);
    int[] test = new int[nTest];
    int[] val = new int[nVal];
    int[] train = new int[m];
    int t = 0;
    int v = 0;
    int k = 0;
    for (int e : order) {
      if (!forest[e] && t < nTest) {
        test[t++] = e;
      } else if (!forest[e] && v < nVal) {
        val[v++] = e;
      } else {
        train[k++] = e;
      }
    }
    return new EdgeSplit(g.subgraph(java.util.Arrays.copyOf(train, k)), sample(src, dst, val, v),
        sample(src, dst, test, t));
  }

  private static EdgeSample sample(int[] src, int[] dst, int[] edges, int count) {
    int[] a = new int[count];
    int[] b = new int[count];
    for (int i = 0; i < count; i++) {
      a[i] = src[edges[i]];
      b[i] = dst[edges[i]];
    }
    return new EdgeSample(a, b);
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
}
