package dev.funnel.graph;

/**
 * Adagrad (Duchi et al. 2011) for a {@link DualGnn}: row-wise for the ID embedding tables (one
 * accumulator per row holding the mean squared gradient, as PyTorch-BigGraph does, so memory stays
 * n floats per table) and element-wise for the layer weights and biases:
 * {@code G += g^2; x -= lr * g / (sqrt(G) + 1e-8)}.
 */
final class Adagrad {
  private static final double EPS = 1e-8;
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

  void apply(DualGnn m, Gradients g) {
    int dim = m.dim;
    for (int s = 0; s < g.used; s++) {
      int key = g.slotKey[s];
      int role = key / g.n;
      int node = key % g.n;
      int off = s * dim;
      double sq = 0;
      for (int j = 0; j < dim; j++) {
        sq += (double) g.rows[off + j] * g.rows[off + j];
      }
      rowAcc[role][node] += (float) (sq / dim);
      float step = (float) (lr / (Math.sqrt(rowAcc[role][node]) + EPS));
      float[] x = m.base[role];
      int xo = node * dim;
      for (int j = 0; j < dim; j++) {
        x[xo + j] -= step * g.rows[off + j];
      }
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
