package dev.funnel.graph;

/**
 * The float kernels of BLADE training and inference: element-wise multiply-adds over embedding
 * rows and layer matrices. Every kernel computes each output element with the same operations in
 * the same order as the plain loop written in its javadoc (a product, then a sum; no fused
 * multiply-add; terms added in index order), so the SIMD path ({@link VectorKernels}, JDK Vector
 * API) and the scalar path here give the same bits and a model trained with either is the same
 * model. The SIMD path is used when the {@code jdk.incubator.vector} module is present (the
 * launcher and the tests add it); otherwise the scalar loops run.
 */
final class Kernels {
  /** Whether the Vector API path is in use. */
  static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
      && !Boolean.getBoolean("funnel.graph.scalarKernels");

  private Kernels() {}

  /**
   * Weighted sum of gathered rows: for i in 0..count, {@code acc[j] += ws[i] * x[ns[i] * dim + j]}
   * for every column j.
   */
  static void gatherAxpy(float[] acc, float[] x, int[] ns, float[] ws, int count, int dim) {
    if (VECTOR) {
      VectorKernels.gatherAxpy(acc, x, ns, ws, count, dim);
      return;
    }
    scalarGatherAxpy(acc, x, ns, ws, count, dim);
  }

  static void scalarGatherAxpy(float[] acc, float[] x, int[] ns, float[] ws, int count, int dim) {
    for (int i = 0; i < count; i++) {
      int off = ns[i] * dim;
      float w = ws[i];
      for (int j = 0; j < dim; j++) {
        acc[j] += w * x[off + j];
      }
    }
  }

  /**
   * Matrix-vector product with a transposed matrix: for j in 0..dim with {@code a[j] != 0},
   * {@code acc[i] += a[j] * t[j * dim + i]} for every i.
   */
  static void transposedMatVec(float[] acc, float[] t, float[] a, int dim) {
    if (VECTOR) {
      VectorKernels.transposedMatVec(acc, t, a, dim);
      return;
    }
    scalarTransposedMatVec(acc, t, a, dim);
  }

  static void scalarTransposedMatVec(float[] acc, float[] t, float[] a, int dim) {
    for (int j = 0; j < dim; j++) {
      float aj = a[j];
      if (aj == 0f) {
        continue;
      }
      int row = j * dim;
      for (int i = 0; i < dim; i++) {
        acc[i] += aj * t[row + i];
      }
    }
  }

  /**
   * The layer's backward step for one channel: {@code da} is set to 0, then for i in 0..dim with
   * {@code dz[i] != 0}, {@code gw[i * dim + j] += dz[i] * a[j]} (weight gradient, an outer
   * product) and {@code da[j] += w[i * dim + j] * dz[i]} (gradient of the aggregate, W^T dz).
   */
  static void layerBackward(float[] gw, float[] w, float[] dz, float[] a, float[] da, int dim) {
    if (VECTOR) {
      VectorKernels.layerBackward(gw, w, dz, a, da, dim);
      return;
    }
    scalarLayerBackward(gw, w, dz, a, da, dim);
  }

  static void scalarLayerBackward(float[] gw, float[] w, float[] dz, float[] a, float[] da, int dim) {
    java.util.Arrays.fill(da, 0, dim, 0f);
    for (int i = 0; i < dim; i++) {
      float dzi = dz[i];
      if (dzi == 0f) {
        continue;
      }
      int row = i * dim;
      for (int j = 0; j < dim; j++) {
        gw[row + j] += dzi * a[j];
        da[j] += w[row + j] * dzi;
      }
    }
  }

  /** {@code y[yo + j] += a * x[xo + j]} for j in 0..len. */
  static void axpy(float[] y, int yo, float a, float[] x, int xo, int len) {
    if (VECTOR) {
      VectorKernels.axpy(y, yo, a, x, xo, len);
      return;
    }
    scalarAxpy(y, yo, a, x, xo, len);
  }

  static void scalarAxpy(float[] y, int yo, float a, float[] x, int xo, int len) {
    for (int j = 0; j < len; j++) {
      y[yo + j] += a * x[xo + j];
    }
  }

  /** {@code y[yo + j] -= a * x[xo + j]} for j in 0..len (the optimiser's row step). */
  static void axmy(float[] y, int yo, float a, float[] x, int xo, int len) {
    if (VECTOR) {
      VectorKernels.axmy(y, yo, a, x, xo, len);
      return;
    }
    scalarAxmy(y, yo, a, x, xo, len);
  }

  static void scalarAxmy(float[] y, int yo, float a, float[] x, int xo, int len) {
    for (int j = 0; j < len; j++) {
      y[yo + j] -= a * x[xo + j];
    }
  }

  /**
   * Dot product with four partial sums: {@code s_l} adds {@code a[ao + j] * b[bo + j]} for
   * {@code j = l, l + 4, ...} (the last {@code len % 4} products go to {@code s_0}), and the result
   * is {@code (s_0 + s_1) + (s_2 + s_3)}.
   */
  static float dot(float[] a, int ao, float[] b, int bo, int len) {
    if (VECTOR) {
      return VectorKernels.dot(a, ao, b, bo, len);
    }
    return scalarDot(a, ao, b, bo, len);
  }

  static float scalarDot(float[] a, int ao, float[] b, int bo, int len) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int j = 0;
    for (; j + 3 < len; j += 4) {
      s0 += a[ao + j] * b[bo + j];
      s1 += a[ao + j + 1] * b[bo + j + 1];
      s2 += a[ao + j + 2] * b[bo + j + 2];
      s3 += a[ao + j + 3] * b[bo + j + 3];
    }
    for (; j < len; j++) {
      s0 += a[ao + j] * b[bo + j];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
