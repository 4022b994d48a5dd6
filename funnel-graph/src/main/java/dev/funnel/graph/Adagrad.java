package dev.funnel.graph;

/**
 * Adagrad (Duchi et al. 2011) for a {@link DualGnn}: row-wise for the ID embedding tables (one
 * accumulator per row holding the mean squared gradient, as PyTorch-BigGraph does, so memory stays
 * n floats per table) and element-wise for the layer weights and biases:
 * {@code G += g^2; x -= lr * g / (sqrt(G) + 1e-8)}.
 *
 * <p>A batch's gradient is the sum of the workers' gradients in worker order. The embedding rows
 * are updated in parallel: each touched row belongs to the first worker that touched it, that
 * worker's slots are cut into {@code parts} ranges, and every row is summed and stepped by
 * exactly one part. Rows are disjoint, so the result does not depend on how the parts are run.
 */
final class Adagrad {
  private static final double EPS = 1e-8;
  /** How many slots ahead {@link #applyRows} starts reading a row. */
  private static final int AHEAD = 4;
  private final double lr;
  private final float[][] rowAcc;
  private final float[][][] weightAcc;
  private final float[][] biasAcc;

  Adagrad(DualGnn m, double lr) {
    this.lr = lr;
    rowAcc = new float[m.arch.roles()][m.n];
    weightAcc = new float[m.arch.roles()][m.arch.channelCount()][m.dim * m.dim];
    biasAcc = new float[m.arch.roles()][m.dim];
  }

  /** One step with the gradient of a single worker. */
  void apply(DualGnn m, Gradients g) {
    Gradients[] gs = {g};
    applyRows(m, gs, 1, 0, new float[m.dim]);
    applyDense(m, gs);
  }

  /** Number of row-update parts of the batch; part {@code p} is {@link #applyRows} with that index. */
  static int parts(Gradients[] gs, int threads) {
    return gs.length * threads;
  }

  /**
   * Sums and steps the embedding rows of part {@code part} of {@code parts(gs, threads)} parts:
   * slots of worker {@code part / threads}, range {@code part % threads} of {@code threads}.
   * {@code scratch} holds one row (dim floats) and must not be shared between concurrent parts.
   */
  void applyRows(DualGnn m, Gradients[] gs, int threads, int part, float[] scratch) {
    int t = part / threads;
    int range = part % threads;
    Gradients g = gs[t];
    int per = (g.used + threads - 1) / threads;
    int lo = Math.min(g.used, range * per);
    int hi = Math.min(g.used, lo + per);
    int dim = m.dim;
    int n = g.n;
    float touched = 0f;
    for (int s = lo; s < hi; s++) {
      if (s + AHEAD < hi) {
        touched += touch(m, g.slotKey[s + AHEAD], n, dim);
      }
      int key = g.slotKey[s];
      if (touchedEarlier(gs, t, key)) {
        continue;
      }
      float[] v = sum(gs, t, s, key, dim, scratch);
      int role = key / n;
      int node = key % n;
      double sq = 0;
      for (int j = 0; j < dim; j++) {
        sq += (double) v[j] * v[j];
      }
      rowAcc[role][node] += (float) (sq / dim);
      float step = (float) (lr / (Math.sqrt(rowAcc[role][node]) + EPS));
      Kernels.axmy(m.base[role], node * dim, step, v, 0, dim);
    }
    scratch[0] = touched; // keeps the reads of touch() (scratch holds no result)
  }

  /**
   * Reads the accumulator and one float per 64-byte line of the row of {@code key}, so the
   * misses of a later slot are under way while this slot is summed and stepped (Java has no
   * prefetch instruction; the rows are random rows of tables of hundreds of MB, and one row's
   * step is longer than the processor looks ahead). Returns their sum, which only keeps the reads.
   */
  private float touch(DualGnn m, int key, int n, int dim) {
    int role = key / n;
    int node = key % n;
    float[] x = m.base[role];
    float t = rowAcc[role][node];
    for (int j = 0; j < dim; j += 16) {
      t += x[node * dim + j];
    }
    return t;
  }

  private static boolean touchedEarlier(Gradients[] gs, int t, int key) {
    for (int u = 0; u < t; u++) {
      if (gs[u].slot(key) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The batch gradient of one row, summed as adding the workers' gradients into worker 0's would:
   * worker 0's row (or 0 when it did not touch the row) plus each later worker's row in order.
   */
  private static float[] sum(Gradients[] gs, int t, int s, int key, int dim, float[] scratch) {
    if (t == 0 && gs.length == 1) {
      System.arraycopy(gs[0].rows, s * dim, scratch, 0, dim);
      return scratch;
    }
    if (t == 0) {
      System.arraycopy(gs[0].rows, s * dim, scratch, 0, dim);
    } else {
      java.util.Arrays.fill(scratch, 0, dim, 0f);
    }
    for (int u = Math.max(1, t); u < gs.length; u++) {
      int su = gs[u].slot(key);
      if (su >= 0) {
        float[] r = gs[u].rows;
        int o = su * dim;
        for (int j = 0; j < dim; j++) {
          scratch[j] += r[o + j];
        }
      }
    }
    return scratch;
  }

  /** Sums the workers' layer-weight and bias gradients in worker order and steps them. */
  void applyDense(DualGnn m, Gradients[] gs) {
    Gradients g = gs[0];
    for (int u = 1; u < gs.length; u++) {
      g.addDense(gs[u]);
    }
    for (int r = 0; r < m.weights.length; r++) {
      for (int c = 0; c < m.weights[r].length; c++) {
        update(m.weights[r][c], g.weights[r][c], weightAcc[r][c]);
      }
      if (m.arch.channelCount() > 0) {
        update(m.bias[r], g.bias[r], biasAcc[r]);
      }
    }
  }

  private void update(float[] x, float[] g, float[] acc) {
    for (int i = 0; i < x.length; i++) {
      float gi = g[i];
      if (gi != 0f) {
        acc[i] += gi * gi;
        x[i] -= (float) (lr * gi / (Math.sqrt(acc[i]) + EPS));
      }
    }
  }
}
