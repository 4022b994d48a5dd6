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

  /** Seeds and sizes for the kernel comparisons: odd sizes exercise every vector tail. */
  private static final int[] DIMS = {1, 3, 4, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 48, 63, 64, 65, 100, 128, 129};

  private static float[] randomVector(SplittableRandom rng, int len, boolean withZeros) {
    float[] v = new float[len];
    for (int i = 0; i < len; i++) {
      v[i] = withZeros && rng.nextInt(4) == 0 ? 0f : (float) (rng.nextDouble() * 2 - 1);
    }
    return v;
  }

  private static void assertSameBits(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
          what + " element " + i + ": " + expected[i] + " vs " + actual[i]);
    }
  }

  @Test
  void simdKernelsGiveTheScalarLoopsBits() {
    assertTrue(Kernels.VECTOR, "tests run with the jdk.incubator.vector module, so the SIMD path is the one tested");
    long seed = 20261203L;
    SplittableRandom rng = new SplittableRandom(seed);
    for (int dim : DIMS) {
      String at = "dim " + dim + " (seed " + seed + ")";
      int rows = 40;
      float[] table = randomVector(rng, rows * dim, false);
      int count = 1 + rng.nextInt(30);
      int[] ns = new int[count];
      float[] ws = new float[count];
      for (int i = 0; i < count; i++) {
        ns[i] = rng.nextInt(rows);
        ws[i] = (float) rng.nextDouble();
      }
      float[] acc0 = randomVector(rng, dim, false);
      float[] acc1 = acc0.clone();
      Kernels.scalarGatherAxpy(acc0, table, ns, ws, count, dim);
      VectorKernels.gatherAxpy(acc1, table, ns, ws, count, dim);
      assertSameBits(acc0, acc1, "gatherAxpy " + at);

      float[] t = randomVector(rng, dim * dim, false);
      float[] a = randomVector(rng, dim, true);
      float[] z0 = randomVector(rng, dim, false);
      float[] z1 = z0.clone();
      Kernels.scalarTransposedMatVec(z0, t, a, dim);
      VectorKernels.transposedMatVec(z1, t, a, dim);
      assertSameBits(z0, z1, "transposedMatVec " + at);

      float[] w = randomVector(rng, dim * dim, false);
      float[] dz = randomVector(rng, dim, true);
      float[] gw0 = randomVector(rng, dim * dim, false);
      float[] gw1 = gw0.clone();
      float[] da0 = randomVector(rng, dim, false);
      float[] da1 = randomVector(rng, dim, false);
      Kernels.scalarLayerBackward(gw0, w, dz, a, da0, dim);
      VectorKernels.layerBackward(gw1, w, dz, a, da1, dim);
      assertSameBits(gw0, gw1, "layerBackward weight gradient " + at);
      assertSameBits(da0, da1, "layerBackward aggregate gradient " + at);

      float[] y0 = randomVector(rng, dim + 5, false);
      float[] y1 = y0.clone();
      float coef = (float) rng.nextDouble();
      Kernels.scalarAxpy(y0, 5, coef, a, 0, dim);
      VectorKernels.axpy(y1, 5, coef, a, 0, dim);
      assertSameBits(y0, y1, "axpy " + at);
      Kernels.scalarAxmy(y0, 2, coef, table, dim, dim);
      VectorKernels.axmy(y1, 2, coef, table, dim, dim);
      assertSameBits(y0, y1, "axmy " + at);

      float d0 = Kernels.scalarDot(t, 0, table, dim + 1, dim);
      float d1 = VectorKernels.dot(t, 0, table, dim + 1, dim);
      assertEquals(Float.floatToRawIntBits(d0), Float.floatToRawIntBits(d1), "dot " + at + ": " + d0 + " vs " + d1);
    }
  }

  @Test
  void walkDrawsAreTheJdkBoundedDraws() {
    int[] bounds = {1, 2, 3, 5, 7, 8, 10, 25, 64, 100, 1000, 4097, 65_536, 1_000_003, (1 << 30) + 1, Integer.MAX_VALUE};
    for (int bound : bounds) {
      SplittableRandom jdk = new SplittableRandom(bound);
      SplittableRandom ours = new SplittableRandom(bound);
      for (int i = 0; i < 2000; i++) {
        assertEquals(jdk.nextInt(bound), NeighbourSampler.below(ours, bound), "draw " + i + " below " + bound);
      }
      assertEquals(jdk.nextLong(), ours.nextLong(), "both sources consumed the same numbers below " + bound);
    }
  }
}
