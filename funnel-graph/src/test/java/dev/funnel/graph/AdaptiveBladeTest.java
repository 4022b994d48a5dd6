package dev.funnel.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The symmetric mix, cold-start sources, reciprocity, edge-weight scale and the synthetic co-purchase graph. */
class AdaptiveBladeTest {
  private static Graph graph(String[] ids, int[] s, int[] d) {
    float[] w = new float[s.length];
    java.util.Arrays.fill(w, 1f);
    return Graph.build(ids, s, d, w);
  }

  @Test
  void mixScoresTheWeightedSumOfDirectedAndSymmetricScores() {
    // n = 2, dim 1: directed s = (1, 2), t = (3, -1); symmetric e = (2, 0.5).
    DualEmbeddings d = new DualEmbeddings(2, 1, new float[] {1, 2}, new float[] {3, -1});
    float[] e = {2, 0.5f};
    DualEmbeddings sym = new DualEmbeddings(2, 1, e, e);
    DualEmbeddings m = AdaptiveBlade.mix(d, sym, 0.25);
    assertEquals(2, m.dim());
    // score(0 -> 1) = 0.75 * (1 * -1) + 0.25 * (2 * 0.5) = -0.5; score(1 -> 0) = 0.75 * 6 + 0.25 * 1 = 4.75
    assertEquals(-0.5, m.score(0, 1), 1e-6);
    assertEquals(4.75, m.score(1, 0), 1e-6);
    assertSame(sym, AdaptiveBlade.mix(d, sym, 1.0), "a = 1 is the symmetric model itself");
    assertSame(d, AdaptiveBlade.mix(d, sym, 0.0));
  }

  @Test
  void nodeWithoutOutEdgesTakesTheMeanSourceOfItsInNeighbours() {
    // 0 -> 2, 1 -> 2, 2 has no out-edge; 3 is isolated; dim 2.
    Graph g = graph(new String[] {"a", "b", "c", "d"}, new int[] {0, 1}, new int[] {2, 2});
    float[] src = {1, 2, 3, 6, 9, 9, 7, 7};
    float[] tgt = {0, 0, 1, 1, 2, 2, 3, 3};
    DualEmbeddings cold = AdaptiveBlade.coldStartSources(new DualEmbeddings(4, 2, src, tgt), g);
    assertArrayEquals(new float[] {2, 4}, cold.source(2), 1e-6f, "mean of (1, 2) and (3, 6)");
    assertArrayEquals(new float[] {1, 2}, cold.source(0));
    assertArrayEquals(new float[] {7, 7}, cold.source(3), "no in-neighbours: unchanged");
    assertArrayEquals(new float[] {2, 2}, cold.target(2), "targets unchanged");
  }

  @Test
  void reciprocityIsTheShareOfEdgesWhoseReverseIsAnEdge() {
    Graph g = graph(new String[] {"a", "b", "c"}, new int[] {0, 1, 0}, new int[] {1, 0, 2});
    assertEquals(2.0 / 3, g.reciprocity(), 1e-12);
    assertTrue(Double.isNaN(graph(new String[] {"a", "b"}, new int[0], new int[0]).reciprocity()));
  }

  @Test
  void edgeWeightScaleIsOnePlusLogWeightWithMeanOne() {
    double[] s = GnnTrainer.weightScale(new float[] {1f, (float) Math.exp(2)});
    assertEquals(0.5, s[0], 1e-6);
    assertEquals(1.5, s[1], 1e-6);
  }

  @Test
  void syntheticCopurchaseGraphHasTheRequestedReciprocityAndIsSeeded() {
    for (double r : new double[] {0, 0.3, 0.7}) {
      Graph g = SyntheticGraph.copurchase(1000, 4000, r, 0.1, 5);
      assertEquals(4000, g.edgeCount());
      assertEquals(r, g.reciprocity(), 0.01, "reciprocity " + r);
      assertTrue(g.weighted());
    }
    Graph a = SyntheticGraph.copurchase(1000, 4000, 0.3, 0.1, 5);
    Graph b = SyntheticGraph.copurchase(1000, 4000, 0.3, 0.1, 5);
    assertArrayEquals(a.edgeSources(), b.edgeSources());
    assertArrayEquals(a.edgeTargets(), b.edgeTargets());
    assertArrayEquals(a.edgeWeights(), b.edgeWeights());
  }

  @Test
  void chosenMixIsAtLeastAsGoodOnValidationAsEitherComponent() {
    // Every planted edge made reciprocal: a graph a symmetric model suits.
    Graph p = PlantedGraph.generate(6, 16, 3, 9);
    int[] s = p.edgeSources();
    int[] d = p.edgeTargets();
    int m = s.length;
    int[] s2 = java.util.Arrays.copyOf(s, 2 * m);
    int[] d2 = java.util.Arrays.copyOf(d, 2 * m);
    System.arraycopy(d, 0, s2, m, m);
    System.arraycopy(s, 0, d2, m, m);
    float[] w = new float[2 * m];
    java.util.Arrays.fill(w, 1f);
    Graph g = Graph.build(p.ids(), s2, d2, w);
    assertEquals(1.0, g.reciprocity(), 1e-12);
    EdgeSplit split = EdgeSplit.of(g, 0.1, 0.1, 4);
    GnnConfig cfg = GnnConfig.blade().withDim(16).withEpochs(15).withBatch(32, 5, 15).withLearningRate(0.2);
    AdaptiveBlade blade = new AdaptiveBlade("blade", cfg, new AdaptiveBlade.Tuning(List.of(16), List.of(1.0), List.of(25),
        true, true, true, MixSelection.BEST), false, null);
    blade.train(split.train(), split.validation(), 4);
    AdaptiveBlade.Choice c = blade.lastChoice();
    assertTrue(c.validationMrr() >= c.directedValidationMrr() && c.validationMrr() >= c.symmetricValidationMrr(),
        "chosen mix " + c.mix() + ": " + c.toMap());
  }

  @Test
  void pairedBootstrapOfAMethodAgainstItselfIsZeroAndIntervalsHoldTheMean() {
    double[] ranks = {1, 2, 3, 15, 40, 1, 7, 9, 11, 2};
    SeedBootstrap b = new SeedBootstrap(200, 3);
    double[] same = b.interval(List.of(ranks, ranks), List.of(ranks, ranks), SeedBootstrap.Stat.MRR);
    assertEquals(0, same[0], 0);
    assertEquals(0, same[1], 0);
    double mrr = 0;
    for (double r : ranks) {
      mrr += 1 / r;
    }
    mrr /= ranks.length;
    double[] ci = b.interval(List.of(ranks), null, SeedBootstrap.Stat.MRR);
    assertTrue(ci[0] <= mrr && mrr <= ci[1] && ci[0] < ci[1], java.util.Arrays.toString(ci) + " vs " + mrr);
  }
}
