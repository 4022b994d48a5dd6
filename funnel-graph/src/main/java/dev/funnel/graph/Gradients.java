package dev.funnel.graph;

import java.util.Arrays;

/**
 * Gradient accumulator of one worker for one batch: sparse rows of the ID embedding tables (a
 * slot per touched (role, node), numbered in order of first touch) and dense gradients of the
 * layer weights and biases.
 *
 * <p>The slot of a (role, node) key is found in an open-addressing hash table sized to the
 * batch (linear probing, at most half full), not in a direct table of {@code roles * n} ints: at
 * a million nodes the direct table is 8 MB and every lookup of a sampled neighbour was a cache
 * miss, while a batch touches some ten thousand rows, whose table stays in the core's cache.
 */
final class Gradients {
  private static final int MIN_TABLE = 1 << 10;
  final int n;
  final int dim;
  /** Slot + 1 per hash position, 0 = empty; length a power of two. */
  private int[] table = new int[MIN_TABLE];
  private int shift = Integer.SIZE - Integer.numberOfTrailingZeros(MIN_TABLE);
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
    this.rows = new float[256 * dim];
    this.weights = new float[arch.roles()][arch.channelCount()][dim * dim];
    this.bias = new float[arch.roles()][dim];
    this.dz = new float[dim];
    this.da = new float[dim];
  }

  private int hash(int key) {
    return (key * 0x9E3779B9) >>> shift;
  }

  /** Offset in {@link #rows} of the gradient row of (role, node), zero on first use. */
  int row(int role, int node) {
    int key = role * n + node;
    int mask = table.length - 1;
    int h = hash(key);
    int e;
    while ((e = table[h]) != 0) {
      if (slotKey[e - 1] == key) {
        return (e - 1) * dim;
      }
      h = (h + 1) & mask;
    }
    if (used == slotKey.length) {
      slotKey = Arrays.copyOf(slotKey, used * 2);
      rows = Arrays.copyOf(rows, used * 2 * dim);
    }
    int s = used++;
    slotKey[s] = key;
    table[h] = s + 1;
    if (2 * used > table.length) {
      grow();
    }
    return s * dim;
  }

  private void grow() {
    table = new int[table.length * 2];
    shift--;
    int mask = table.length - 1;
    for (int s = 0; s < used; s++) {
      int h = hash(slotKey[s]);
      while (table[h] != 0) {
        h = (h + 1) & mask;
      }
      table[h] = s + 1;
    }
  }

  /** The slot of {@code key} (= role * n + node), or -1 when this batch did not touch that row. */
  int slot(int key) {
    int mask = table.length - 1;
    int h = hash(key);
    int e;
    while ((e = table[h]) != 0) {
      if (slotKey[e - 1] == key) {
        return e - 1;
      }
      h = (h + 1) & mask;
    }
    return -1;
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

  /** Empties the accumulator; the hash table keeps its size (the next batch touches as many rows). */
  void clear() {
    Arrays.fill(table, 0);
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
