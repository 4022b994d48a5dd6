package dev.funnel.graph;

import java.util.SplittableRandom;

/**
 * The encoder: learnable ID embeddings under one aggregation layer over sampled (possibly
 * multi-hop) neighbourhoods. For node u and role r (source or target):
 *
 * <pre>
 *   A_c(u)   = sum_i w_i * X[base(c)][n_i]          (weighted mean over channel c's sample)
 *   emb_r(u) = X[r][u] + tanh( sum_c W[r][c] A_c(u) + b[r] )
 * </pre>
 *
 * The ID embedding is a residual connection: a node with no neighbours keeps its own vector.
 * Parameters are plain float arrays; gradients are written by hand ({@link #backward}) and checked
 * against finite differences in the tests.
 */
public final class DualGnn {
  final Architecture arch;
  final int n;
  final int dim;
  /** ID embeddings per role, row-major n x dim. */
  final float[][] base;
  /** Layer weights per (role, channel), row-major dim x dim (output x input). */
  final float[][][] weights;
  final float[][] bias;
  /**
   * Transposed copies of {@link #weights} (input x output), or null. When present, {@link #embed}
   * computes {@code W a} as a sum of rows {@code a_j * W^T[j]}: contiguous multiply-adds the JIT
   * turns into SIMD instructions, instead of one horizontal dot product per output. The trainer
   * refreshes them after every optimiser step ({@link #refreshTransposed}).
   */
  float[][][] weightsT;

  /**
   * Random initialisation: ID embeddings N(0, 0.1^2) (small, so initial scores are near 0 and the
   * logistic loss starts unsaturated); weights N(0, 1/dim) (Glorot-like variance for a square
   * layer); biases 0.
   */
  public DualGnn(Architecture arch, int n, int dim, SplittableRandom rng) {
    this.arch = arch;
    this.n = n;
    this.dim = dim;
    base = new float[arch.roles()][(int) Math.min(Integer.MAX_VALUE, (long) n * dim)];
    if ((long) n * dim > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("n * dim = " + (long) n * dim + " exceeds the array limit");
    }
    for (float[] t : base) {
      for (int i = 0; i < t.length; i++) {
        t[i] = (float) (gaussian(rng) * 0.1);
      }
    }
    weights = new float[arch.roles()][arch.channelCount()][dim * dim];
    double sd = 1.0 / Math.sqrt(dim);
    for (float[][] w : weights) {
      for (float[] a : w) {
        for (int i = 0; i < a.length; i++) {
          a[i] = (float) (gaussian(rng) * sd);
        }
      }
    }
    bias = new float[arch.roles()][dim];
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Keeps transposed weights for the forward pass from now on; call {@link #refreshTransposed} after changing weights. */
  void useTransposed() {
    weightsT = new float[weights.length][arch.channelCount()][dim * dim];
    refreshTransposed();
  }

  void refreshTransposed() {
    if (weightsT == null) {
      return;
    }
    for (int r = 0; r < weights.length; r++) {
      for (int c = 0; c < weights[r].length; c++) {
        float[] w = weights[r][c];
        float[] t = weightsT[r][c];
        for (int i = 0; i < dim; i++) {
          for (int j = 0; j < dim; j++) {
            t[j * dim + i] = w[i * dim + j];
          }
        }
      }
    }
  }

  public Architecture architecture() {
    return arch;
  }

  public int nodeCount() {
    return n;
  }

  public int dim() {
    return dim;
  }

  Neighbourhood workspace(int capacity) {
    return new Neighbourhood(arch, dim, Math.max(1, capacity));
  }

  /** Samples node u's neighbourhood into {@code nb} and computes the channel aggregates. */
  void sample(Neighbourhood nb, int u, NeighbourSampler sampler, int multiplier, SplittableRandom rng) {
    nb.node = u;
    for (int c = 0; c < arch.channelCount(); c++) {
      nb.count[c] = sampler.sample(u, arch.channel(c), multiplier, rng, nb.nodes[c], nb.weights[c]);
    }
    aggregate(nb);
  }

  /** Computes A_c from the sampled nodes and weights already in {@code nb}. */
  void aggregate(Neighbourhood nb) {
    for (int c = 0; c < arch.channelCount(); c++) {
      float[] a = nb.agg[c];
      java.util.Arrays.fill(a, 0f);
      float[] x = base[arch.channelBase(c)];
      int[] ns = nb.nodes[c];
      Kernels.gatherAxpy(a, x, ns, nb.weights[c], nb.count[c], dim);
    }
  }

  /** Forward pass of role r for the node in {@code nb} (aggregates must be current). */
  void embed(Neighbourhood nb, int r) {
    float[] out = nb.emb[r];
    float[] x = base[r];
    int off = nb.node * dim;
    if (arch.channelCount() == 0) {
      System.arraycopy(x, off, out, 0, dim);
      return;
    }
    float[] h = nb.act[r];
    float[] b = bias[r];
    if (weightsT != null) {
      float[] zz = h; // h doubles as the pre-activation buffer
      System.arraycopy(b, 0, zz, 0, dim);
      for (int c = 0; c < arch.channelCount(); c++) {
        Kernels.transposedMatVec(zz, weightsT[r][c], nb.agg[c], dim);
      }
      for (int i = 0; i < dim; i++) {
        h[i] = (float) Math.tanh(zz[i]);
        out[i] = x[off + i] + h[i];
      }
      return;
    }
    for (int i = 0; i < dim; i++) {
      double z = b[i];
      for (int c = 0; c < arch.channelCount(); c++) {
        float[] w = weights[r][c];
        float[] a = nb.agg[c];
        z += Vectors.dot(w, i * dim, a, 0, dim);
      }
      h[i] = (float) Math.tanh(z);
      out[i] = x[off + i] + h[i];
    }
  }

  /**
   * Backward pass of role r for the node in {@code nb}: adds d(loss)/d(parameters) into
   * {@code grad} given {@code g} = d(loss)/d(emb_r). Uses the activations of the last
   * {@link #embed} of this role and node.
   */
  void backward(Neighbourhood nb, int r, float[] g, Gradients grad) {
    int off = grad.row(r, nb.node);
    float[] rows = grad.rows;
    for (int j = 0; j < dim; j++) {
      rows[off + j] += g[j];
    }
    if (arch.channelCount() == 0) {
      return;
    }
    float[] h = nb.act[r];
    float[] dz = grad.dz;
    for (int i = 0; i < dim; i++) {
      dz[i] = g[i] * (1f - h[i] * h[i]);
      grad.bias[r][i] += dz[i];
    }
    float[] da = grad.da;
    for (int c = 0; c < arch.channelCount(); c++) {
      float[] w = weights[r][c];
      float[] gw = grad.weights[r][c];
      float[] a = nb.agg[c];
      Kernels.layerBackward(gw, w, dz, a, da, dim);
      int baseRole = arch.channelBase(c);
      int[] ns = nb.nodes[c];
      float[] ws = nb.weights[c];
      for (int k = 0; k < nb.count[c]; k++) {
        int o = grad.row(baseRole, ns[k]);
        Kernels.axpy(grad.rows, o, ws[k], da, 0, dim);
      }
    }
  }
}
