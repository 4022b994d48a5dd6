package dev.funnel.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The training kernels' fast paths compute what the plain ones do. */
class KernelTest {
  @Test
  void mergingRepeatedSampleEntriesSumsTheirWeights() {
    int[] nodes = {7, 3, 7, 9, 3, 7};
    float[] w = {0.1f, 0.2f, 0.05f, 0.3f, 0.25f, 0.1f};
    int k = NeighbourSampler.merge(nodes, w, nodes.length);
    assertEquals(3, k);
    assertArrayEquals(new int[] {3, 7, 9}, java.util.Arrays.copyOf(nodes, k));
    assertArrayEquals(new float[] {0.45f, 0.25f, 0.3f}, java.util.Arrays.copyOf(w, k), 1e-6f);
  }

  @Test
  void sampledNeighbourhoodsHaveDistinctNodesAndUnitWeight() {
    Graph g = PlantedGraph.generate(4, 12, 3, 2);
    NeighbourSampler s = new NeighbourSampler(g, SamplingRule.adaptiveDefault());
    int[] nodes = new int[s.capacity(4)];
    float[] w = new float[s.capacity(4)];
    SplittableRandom rng = new SplittableRandom(3);
    for (int u = 0; u < g.nodeCount(); u++) {
      int c = s.sample(u, Walk.BOTH, 4, rng, nodes, w);
      double sum = 0;
      for (int i = 0; i < c; i++) {
        sum += w[i];
        assertTrue(i == 0 || nodes[i] > nodes[i - 1], "entries distinct and ordered at node " + u);
      }
      assertEquals(c == 0 ? 0 : 1, sum, 1e-5);
    }
  }

  @Test
  void transposedForwardPassEqualsThePlainOne() {
    int n = 12;
    int dim = 24;
    DualGnn m = new DualGnn(Architecture.DIRECTED, n, dim, new SplittableRandom(5));
    Graph g = PlantedGraph.generate(2, 6, 2, 1);
    NeighbourSampler s = new NeighbourSampler(g, SamplingRule.adaptiveDefault());
    Neighbourhood nb = m.workspace(s.capacity(1));
    for (int u = 0; u < n; u++) {
      m.sample(nb, u, s, 1, new SplittableRandom(u));
      for (int r = 0; r < 2; r++) {
        m.weightsT = null;
        m.embed(nb, r);
        float[] plain = nb.emb[r].clone();
        m.useTransposed();
        m.embed(nb, r);
        assertArrayEquals(plain, nb.emb[r], 1e-5f, "node " + u + " role " + r);
      }
    }
  }
}
