package dev.funnel.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hand-written gradients of the encoder layer and of the BLADE loss against central finite differences. */
class GradientCheckTest {
  private static final int N = 7;
  private static final int DIM = 5;

  /** A model with fixed (hand-chosen) neighbourhood samples for nodes 0..3. */
  private static Neighbourhood fixedSample(DualGnn m, int node, SplittableRandom rng) {
    Neighbourhood nb = m.workspace(4);
    nb.node = node;
    for (int c = 0; c < m.arch.channelCount(); c++) {
      int k = 1 + rng.nextInt(4);
      float total = 0f;
      for (int i = 0; i < k; i++) {
        nb.nodes[c][i] = rng.nextInt(N);
        nb.weights[c][i] = 0.2f + rng.nextFloat();
        total += nb.weights[c][i];
      }
      for (int i = 0; i < k; i++) {
        nb.weights[c][i] /= total;
      }
      nb.count[c] = k;
    }
    m.aggregate(nb);
    return nb;
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void encoderLayerGradientMatchesFiniteDifferences(Architecture arch) {
    long seed = 11 + arch.ordinal();
    SplittableRandom rng = new SplittableRandom(seed);
    DualGnn m = new DualGnn(arch, N, DIM, rng.split());
    scaleUp(m, rng);
    Neighbourhood nb = fixedSample(m, 2, rng);
    int role = arch.targetRole();
    float[] c = new float[DIM];
    for (int j = 0; j < DIM; j++) {
      c[j] = (float) (rng.nextDouble() * 2 - 1);
    }
    // L = c . emb_role(node)
    DoubleSupplier loss = () -> {
      m.aggregate(nb);
      m.embed(nb, role);
      return EdgeLoss.dot(c, nb.emb[role]);
    };
    Gradients g = new Gradients(arch, N, DIM);
    loss.getAsDouble();
    m.backward(nb, role, c, g);
    check(m, g, loss, seed);
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void edgeLossGradientMatchesFiniteDifferences(Architecture arch) {
    long seed = 29 + arch.ordinal();
    SplittableRandom rng = new SplittableRandom(seed);
    DualGnn m = new DualGnn(arch, N, DIM, rng.split());
    scaleUp(m, rng);
    // Two edges (1 -> 4 with a reverse term, 3 -> 1 without) sharing three negatives.
    Neighbourhood[] nus = {fixedSample(m, 1, rng), fixedSample(m, 3, rng)};
    Neighbourhood[] nvs = {fixedSample(m, 4, rng), fixedSample(m, 1, rng)};
    Neighbourhood[] negs = {fixedSample(m, 0, rng), fixedSample(m, 6, rng), fixedSample(m, 4, rng)};
    double[] reverse = {0.7, 0};
    double[] scale = {1.6, 0.4}; // edge weights enter as a per-edge loss scale
    float[][] negGrad = new float[negs.length][DIM];
    DoubleSupplier loss = () -> {
      for (Neighbourhood x : nus) {
        m.aggregate(x);
      }
      for (Neighbourhood x : nvs) {
        m.aggregate(x);
      }
      for (Neighbourhood x : negs) {
        m.aggregate(x);
      }
      return EdgeLoss.groupLoss(m, nus, nvs, 2, reverse, scale, negs, negs.length, null, negGrad);
    };
    loss.getAsDouble();
    Gradients g = new Gradients(arch, N, DIM);
    double l0 = EdgeLoss.groupLoss(m, nus, nvs, 2, reverse, scale, negs, negs.length, g, negGrad);
    assertEquals(loss.getAsDouble(), l0, 1e-9, "loss with and without gradients, seed " + seed);
    check(m, g, loss, seed);
  }

  @org.junit.jupiter.api.Test
  void lossMatchesHandComputedValue() {
    // Shallow model, dim 1: s_u = 2, t_v = 0.5, t_n = -1, s_v = 1, t_u = 3.
    DualGnn m = new DualGnn(Architecture.SHALLOW, 3, 1, new SplittableRandom(1));
    m.base[0][0] = 2f;   // s_u (u = 0)
    m.base[1][1] = 0.5f; // t_v (v = 1)
    m.base[1][2] = -1f;  // t_n (n = 2)
    m.base[0][1] = 1f;   // s_v
    m.base[1][0] = 3f;   // t_u
    Neighbourhood nu = m.workspace(1);
    nu.node = 0;
    Neighbourhood nv = m.workspace(1);
    nv.node = 1;
    Neighbourhood nn = m.workspace(1);
    nn.node = 2;
    double l = EdgeLoss.groupLoss(m, new Neighbourhood[] {nu}, new Neighbourhood[] {nv}, 1, new double[] {0.5},
        new Neighbourhood[] {nn}, 1, null, new float[1][1]);
    double expected = Math.log1p(Math.exp(-1.0)) + Math.log1p(Math.exp(-2.0)) + 0.5 * Math.log1p(Math.exp(3.0));
    assertEquals(expected, l, 1e-6);
    double scaled = EdgeLoss.groupLoss(m, new Neighbourhood[] {nu}, new Neighbourhood[] {nv}, 1, new double[] {0.5},
        new double[] {3.0}, new Neighbourhood[] {nn}, 1, null, new float[1][1]);
    assertEquals(3 * expected, scaled, 1e-6, "an edge of scale 3 weighs as three copies");
  }

  /** Larger parameters so tanh is away from its linear regime and every path matters. */
  private static void scaleUp(DualGnn m, SplittableRandom rng) {
    for (float[] t : m.base) {
      for (int i = 0; i < t.length; i++) {
        t[i] *= 5;
      }
    }
    for (float[] b : m.bias) {
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) (rng.nextDouble() - 0.5);
      }
    }
  }

  private static void check(DualGnn m, Gradients g, DoubleSupplier loss, long seed) {
    int checked = 0;
    for (int r = 0; r < m.base.length; r++) {
      float[] analytic = new float[m.base[r].length];
      for (int s = 0; s < g.used; s++) {
        int key = g.slotKey[s];
        if (key / N == r) {
          System.arraycopy(g.rows, s * DIM, analytic, (key % N) * DIM, DIM);
        }
      }
      checked += compare("base[" + r + "]", m.base[r], analytic, loss, seed);
    }
    for (int r = 0; r < m.weights.length; r++) {
      for (int c = 0; c < m.weights[r].length; c++) {
        checked += compare("W[" + r + "][" + c + "]", m.weights[r][c], g.weights[r][c], loss, seed);
      }
      if (m.arch.channelCount() > 0) {
        checked += compare("b[" + r + "]", m.bias[r], g.bias[r], loss, seed);
      }
    }
    assertTrue(checked > 0, "some gradient entries are non-zero, seed " + seed);
  }

  private static int compare(String name, float[] params, float[] analytic, DoubleSupplier loss, long seed) {
    int nonZero = 0;
    double eps = 1e-2;
    for (int i = 0; i < params.length; i++) {
      float keep = params[i];
      params[i] = (float) (keep + eps);
      double up = loss.getAsDouble();
      params[i] = (float) (keep - eps);
      double down = loss.getAsDouble();
      params[i] = keep;
      double numeric = (up - down) / (2 * eps);
      double tol = 2e-3 + 2e-2 * Math.abs(numeric);
      assertEquals(numeric, analytic[i], tol, name + "[" + i + "] seed " + seed);
      if (analytic[i] != 0f) {
        nonZero++;
      }
    }
    loss.getAsDouble();
    return nonZero;
  }
}
