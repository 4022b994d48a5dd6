package dev.funnel.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The validated combination of directed, symmetric and in-degree prior scores. */
class ScoreMixTest {
  private static Graph graph(int n, int[] s, int[] d) {
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "n" + i;
    }
    float[] w = new float[s.length];
    Arrays.fill(w, 1f);
    return Graph.build(ids, s, d, w);
  }

  private static DualEmbeddings random(int n, int dim, boolean symmetric, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] s = new float[n * dim];
    float[] t = new float[n * dim];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) r.nextGaussian();
      t[i] = (float) r.nextGaussian();
    }
    return new DualEmbeddings(n, dim, s, symmetric ? s : t);
  }

  @Test
  void degreePriorIsTheStandardisedLogInDegree() {
    // in-degrees: node 0: 0, node 1: 1, node 2: 2, node 3: 0
    Graph g = graph(4, new int[] {0, 0, 1}, new int[] {1, 2, 2});
    float[] p = ScoreMix.degreePrior(g);
    double[] x = {0, Math.log(2), Math.log(3), 0};
    double mean = Arrays.stream(x).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / 4);
    for (int v = 0; v < 4; v++) {
      assertEquals((x[v] - mean) / sd, p[v], 1e-6, "node " + v);
    }
    float[] flat = ScoreMix.degreePrior(graph(3, new int[] {0, 1, 2}, new int[] {1, 2, 0}));
    for (float f : flat) {
      assertEquals(0f, f, "constant in-degree: no prior");
    }
  }

  @Test
  void fastRankEqualsTheHarnessRankOfTheCombinedScore() {
    int n = 40;
    SplittableRandom r = new SplittableRandom(3);
    int[] s = new int[120];
    int[] d = new int[120];
    for (int i = 0; i < s.length; i++) {
      s[i] = r.nextInt(n);
      d[i] = (s[i] + 1 + r.nextInt(n - 1)) % n;
    }
    Graph g = graph(n, s, d);
    DualEmbeddings dir = random(n, 4, false, 5);
    DualEmbeddings sym = random(n, 3, true, 6);
    float[] p = ScoreMix.degreePrior(g);
    ScoreMix.Choice c = new ScoreMix.Choice(0.3, 0.5, false, 2.0, 0, 0, 0, 0, 0, 0);
    DualEmbeddings mixed = ScoreMix.embeddings(dir, sym, p, c);
    assertEquals(4 + 3 + 1, mixed.dim());
    float[] ds = new float[n];
    float[] ss = new float[n];
    float[] ms = new float[n];
    for (int u = 0; u < n; u++) {
      dir.scoreAll(u, ds);
      sym.scoreAll(u, ss);
      for (int v = 0; v < n; v++) {
        assertEquals(0.7 * ds[v] + 0.3 * ss[v] + 0.5 * 2.0 * p[v], mixed.score(u, v), 1e-4, u + " -> " + v);
      }
      int v = (u + 7) % n;
      mixed.scoreAll(u, ms);
      double expected = LinkRanking.rank(ms, u, v, g);
      assertEquals(expected, ScoreMix.rank(0.7f, 0.3f, 1.0f, ds, ss, p, u, v, g), 0, "query " + u);
      // with the prior alone (many ties) the two rank rules agree exactly
      float[] pa = p.clone();
      assertEquals(LinkRanking.rank(pa, u, v, g), ScoreMix.rank(0, 0, 1, ds, ss, p, u, v, g), 0, "prior, query " + u);
    }
  }

  @Test
  void priorAloneIsChosenWhenPopularityIsTheWholeSignal() {
    // A ring over nodes 1..29 (in-degree 1 each), and every node but the four validation queries
    // points at node 0 (in-degree 25). The validation edges all go to node 0, and the learned
    // components carry no information (all scores 0).
    int n = 30;
    int[] vs = {3, 5, 7, 9};
    int[] vt = {0, 0, 0, 0};
    EdgeSample val = new EdgeSample(vs, vt);
    java.util.List<int[]> edges = new java.util.ArrayList<>();
    for (int i = 1; i < n; i++) {
      edges.add(new int[] {i, i % (n - 1) + 1});
      int q = i;
      if (Arrays.stream(vs).noneMatch(x -> x == q)) {
        edges.add(new int[] {i, 0});
      }
    }
    Graph train = graph(n, edges.stream().mapToInt(e -> e[0]).toArray(), edges.stream().mapToInt(e -> e[1]).toArray());
    DualEmbeddings zero = new DualEmbeddings(n, 1, new float[n], new float[n]);
    float[] p = ScoreMix.degreePrior(train);
    ScoreMix.Choice c = ScoreMix.choose(zero, zero, p, val, train, 100, true);
    assertTrue(c.priorOnly(), c.toString());
    assertEquals(1.0, c.validationMrr(), 1e-12, "node 0 has the largest in-degree");
    assertTrue(c.validationMrr() > c.bestWithoutPriorMrr(), c.toString());
    ScoreMix.Choice off = ScoreMix.choose(zero, zero, p, val, train, 100, false);
    assertFalse(off.priorOnly());
    assertEquals(0, off.prior(), 0);
    DualEmbeddings e = ScoreMix.embeddings(zero, zero, p, c);
    float[] out = new float[n];
    e.scoreAll(3, out);
    assertEquals(0, LinkRanking.rank(out, 3, 0, train) - 1, 0, "served embeddings rank like the prior");
  }

  @Test
  void chosenCombinationIsAtLeastAsGoodOnValidationAsEveryComponentAlone() {
    Graph p = PlantedGraph.generate(6, 16, 3, 9);
    EdgeSplit split = EdgeSplit.of(p, 0.1, 0.1, 4);
    DualEmbeddings dir = random(p.nodeCount(), 8, false, 1);
    DualEmbeddings sym = random(p.nodeCount(), 8, true, 2);
    float[] prior = ScoreMix.degreePrior(split.train());
    ScoreMix.Choice c = ScoreMix.choose(dir, sym, prior, split.validation(), split.train(), 1000, true);
    assertTrue(c.validationMrr() >= c.directedMrr() && c.validationMrr() >= c.symmetricMrr()
        && c.validationMrr() >= c.priorOnlyMrr() && c.validationMrr() >= c.bestWithoutPriorMrr(), c.toString());
    double direct = LinkRanking.mrr(dir, split.validation(), split.train(), 1000);
    assertEquals(direct, c.directedMrr(), 1e-9, "a = 0, b = 0 is the directed component");
  }
}
