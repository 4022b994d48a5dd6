package dev.funnel.graph;

import java.util.Arrays;

/**
 * Gradient accumulator of one worker for one batch: sparse rows of the ID embedding tables (a
 * slot per touched (role, node)) and dense gradients of the layer weights and biases.
 */
final class Gradients {
  final int n;
  final int dim;
  private final int[] slotOf;
  int[] slotKey = new int[256];
  float[] rows;
  int used;
  final float[][][] weights;
  final float[][] bias;
  /** Scratch vectors for the backward pass. */
  final float[] dz;
  final float[] da;

  Gradients(Architecture arch, int n, int dim) {
    this.n = n;
    this.dim = dim;
    this.slotOf = new int[arch.roles() * n];
    Arrays.fill(slotOf, -1);
    this.rows = new float[256 * dim];
    this.weights = new float[arch.roles()][arch.channelCount()][dim * dim];
    this.bias = new float[arch.roles()][dim];
    this.dz = new float[dim];
    this.da = new float[dim];
  }

  /** Offset in {@link #rows} of the gradient row of (role, node), zero on first use. */
  int row(int role, int node) {
    int key = role * n + node;
    int s = slotOf[key];
    if (s >= 0) {
      return s * dim;
    }
    if (used == slotKey.length) {
      slotKey = Arrays.copyOf(slotKey, used * 2);
      rows = Arrays.copyOf(rows, used * 2 * dim);
    }
    s = used++;
    slotOf[key] = s;
    slotKey[s] = key;
    return s * dim;
  }

  /** The slot of {@code key} (= role * n + node), or -1 when this batch did not touch that row. */
  int slot(int key) {
    return slotOf[key];
  }

  /** Adds another worker's gradients into this one. */
  void add(Gradients o) {
    for (int s = 0; s < o.used; s++) {
      int key = o.slotKey[s];
      int off = row(key / n, key % n);
      int src = s * dim;
      for (int j = 0; j < dim; j++) {
        rows[off + j] += o.rows[src + j];
      }
    }
    addDense(o);
  }

  /** Adds another worker's layer-weight and bias gradients into this one. */
  void addDense(Gradients o) {
    for (int r = 0; r < weights.length; r++) {
      for (int c = 0; c < weights[r].length; c++) {
        float[] a = weights[r][c];
        float[] b = o.weights[r][c];
        for (int i = 0; i < a.length; i++) {
          a[i] += b[i];
        }
      }
      for (int j = 0; j < dim; j++) {
        bias[r][j] += o.bias[r][j];
      }
    }
  }

  void clear() {
    for (int s = 0; s < used; s++) {
      slotOf[slotKey[s]] = -1;
    }
    Arrays.fill(rows, 0, used * dim, 0f);
    used = 0;
    for (float[][] w : weights) {
      for (float[] a : w) {
        Arrays.fill(a, 0f);
      }
    }
    for (float[] b : bias) {
      Arrays.fill(b, 0f);
    }
  }
}
