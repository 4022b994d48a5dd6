package dev.funnel.graph;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD versions of {@link Kernels} on the JDK Vector API. Each keeps the per-element order of
 * the scalar loop: vectors run across the independent output elements, products and sums stay
 * separate operations ({@code mul} then {@code add}, never {@code fma}), and a row loop that
 * accumulates into an output keeps up to eight vectors of it in registers while it walks the
 * rows in order. Only {@link Kernels} calls this class, and only when the module is present.
 */
final class VectorKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Four lanes: the four partial sums of {@link Kernels#dot}. */
  private static final VectorSpecies<Float> S4 = FloatVector.SPECIES_128;

  private VectorKernels() {}

  static void gatherAxpy(float[] acc, float[] x, int[] ns, float[] ws, int count, int dim) {
    int j = 0;
    for (; j + 8 * L <= dim; j += 8 * L) {
      FloatVector a0 = FloatVector.fromArray(S, acc, j);
      FloatVector a1 = FloatVector.fromArray(S, acc, j + L);
      FloatVector a2 = FloatVector.fromArray(S, acc, j + 2 * L);
      FloatVector a3 = FloatVector.fromArray(S, acc, j + 3 * L);
      FloatVector a4 = FloatVector.fromArray(S, acc, j + 4 * L);
      FloatVector a5 = FloatVector.fromArray(S, acc, j + 5 * L);
      FloatVector a6 = FloatVector.fromArray(S, acc, j + 6 * L);
      FloatVector a7 = FloatVector.fromArray(S, acc, j + 7 * L);
      for (int i = 0; i < count; i++) {
        int off = ns[i] * dim + j;
        FloatVector w = FloatVector.broadcast(S, ws[i]);
        a0 = a0.add(w.mul(FloatVector.fromArray(S, x, off)));
        a1 = a1.add(w.mul(FloatVector.fromArray(S, x, off + L)));
        a2 = a2.add(w.mul(FloatVector.fromArray(S, x, off + 2 * L)));
        a3 = a3.add(w.mul(FloatVector.fromArray(S, x, off + 3 * L)));
        a4 = a4.add(w.mul(FloatVector.fromArray(S, x, off + 4 * L)));
        a5 = a5.add(w.mul(FloatVector.fromArray(S, x, off + 5 * L)));
        a6 = a6.add(w.mul(FloatVector.fromArray(S, x, off + 6 * L)));
        a7 = a7.add(w.mul(FloatVector.fromArray(S, x, off + 7 * L)));
      }
      a0.intoArray(acc, j);
      a1.intoArray(acc, j + L);
      a2.intoArray(acc, j + 2 * L);
      a3.intoArray(acc, j + 3 * L);
      a4.intoArray(acc, j + 4 * L);
      a5.intoArray(acc, j + 5 * L);
      a6.intoArray(acc, j + 6 * L);
      a7.intoArray(acc, j + 7 * L);
    }
    // Four vectors: a whole 64-float row in one pass with 512-bit vectors, so each gathered row's
    // four cache lines are read together and the sampled rows are walked once, not twice.
    for (; j + 4 * L <= dim; j += 4 * L) {
      FloatVector a0 = FloatVector.fromArray(S, acc, j);
      FloatVector a1 = FloatVector.fromArray(S, acc, j + L);
      FloatVector a2 = FloatVector.fromArray(S, acc, j + 2 * L);
      FloatVector a3 = FloatVector.fromArray(S, acc, j + 3 * L);
      for (int i = 0; i < count; i++) {
        int off = ns[i] * dim + j;
        FloatVector w = FloatVector.broadcast(S, ws[i]);
        a0 = a0.add(w.mul(FloatVector.fromArray(S, x, off)));
        a1 = a1.add(w.mul(FloatVector.fromArray(S, x, off + L)));
        a2 = a2.add(w.mul(FloatVector.fromArray(S, x, off + 2 * L)));
        a3 = a3.add(w.mul(FloatVector.fromArray(S, x, off + 3 * L)));
      }
      a0.intoArray(acc, j);
      a1.intoArray(acc, j + L);
      a2.intoArray(acc, j + 2 * L);
      a3.intoArray(acc, j + 3 * L);
    }
    for (; j + 2 * L <= dim; j += 2 * L) {
      FloatVector a0 = FloatVector.fromArray(S, acc, j);
      FloatVector a1 = FloatVector.fromArray(S, acc, j + L);
      for (int i = 0; i < count; i++) {
        int off = ns[i] * dim + j;
        FloatVector w = FloatVector.broadcast(S, ws[i]);
        a0 = a0.add(w.mul(FloatVector.fromArray(S, x, off)));
        a1 = a1.add(w.mul(FloatVector.fromArray(S, x, off + L)));
      }
      a0.intoArray(acc, j);
      a1.intoArray(acc, j + L);
    }
    for (; j + L <= dim; j += L) {
      FloatVector a0 = FloatVector.fromArray(S, acc, j);
      for (int i = 0; i < count; i++) {
        a0 = a0.add(FloatVector.broadcast(S, ws[i]).mul(FloatVector.fromArray(S, x, ns[i] * dim + j)));
      }
      a0.intoArray(acc, j);
    }
    for (; j < dim; j++) {
      float s = acc[j];
      for (int i = 0; i < count; i++) {
        s += ws[i] * x[ns[i] * dim + j];
      }
      acc[j] = s;
    }
  }

  static void transposedMatVec(float[] acc, float[] t, float[] a, int dim) {
    int i = 0;
    for (; i + 4 * L <= dim; i += 4 * L) {
      FloatVector z0 = FloatVector.fromArray(S, acc, i);
      FloatVector z1 = FloatVector.fromArray(S, acc, i + L);
      FloatVector z2 = FloatVector.fromArray(S, acc, i + 2 * L);
      FloatVector z3 = FloatVector.fromArray(S, acc, i + 3 * L);
      for (int j = 0; j < dim; j++) {
        float aj = a[j];
        if (aj == 0f) {
          continue;
        }
        int off = j * dim + i;
        FloatVector w = FloatVector.broadcast(S, aj);
        z0 = z0.add(w.mul(FloatVector.fromArray(S, t, off)));
        z1 = z1.add(w.mul(FloatVector.fromArray(S, t, off + L)));
        z2 = z2.add(w.mul(FloatVector.fromArray(S, t, off + 2 * L)));
        z3 = z3.add(w.mul(FloatVector.fromArray(S, t, off + 3 * L)));
      }
      z0.intoArray(acc, i);
      z1.intoArray(acc, i + L);
      z2.intoArray(acc, i + 2 * L);
      z3.intoArray(acc, i + 3 * L);
    }
    for (; i + L <= dim; i += L) {
      FloatVector z0 = FloatVector.fromArray(S, acc, i);
      for (int j = 0; j < dim; j++) {
        float aj = a[j];
        if (aj != 0f) {
          z0 = z0.add(FloatVector.broadcast(S, aj).mul(FloatVector.fromArray(S, t, j * dim + i)));
        }
      }
      z0.intoArray(acc, i);
    }
    for (; i < dim; i++) {
      float s = acc[i];
      for (int j = 0; j < dim; j++) {
        float aj = a[j];
        if (aj != 0f) {
          s += aj * t[j * dim + i];
        }
      }
      acc[i] = s;
    }
  }

  static void layerBackward(float[] gw, float[] w, float[] dz, float[] a, float[] da, int dim) {
    int j = 0;
    for (; j + 4 * L <= dim; j += 4 * L) {
      FloatVector x0 = FloatVector.fromArray(S, a, j);
      FloatVector x1 = FloatVector.fromArray(S, a, j + L);
      FloatVector x2 = FloatVector.fromArray(S, a, j + 2 * L);
      FloatVector x3 = FloatVector.fromArray(S, a, j + 3 * L);
      FloatVector d0 = FloatVector.zero(S);
      FloatVector d1 = FloatVector.zero(S);
      FloatVector d2 = FloatVector.zero(S);
      FloatVector d3 = FloatVector.zero(S);
      for (int i = 0; i < dim; i++) {
        float dzi = dz[i];
        if (dzi == 0f) {
          continue;
        }
        FloatVector g = FloatVector.broadcast(S, dzi);
        int off = i * dim + j;
        FloatVector.fromArray(S, gw, off).add(g.mul(x0)).intoArray(gw, off);
        FloatVector.fromArray(S, gw, off + L).add(g.mul(x1)).intoArray(gw, off + L);
        FloatVector.fromArray(S, gw, off + 2 * L).add(g.mul(x2)).intoArray(gw, off + 2 * L);
        FloatVector.fromArray(S, gw, off + 3 * L).add(g.mul(x3)).intoArray(gw, off + 3 * L);
        d0 = d0.add(FloatVector.fromArray(S, w, off).mul(g));
        d1 = d1.add(FloatVector.fromArray(S, w, off + L).mul(g));
        d2 = d2.add(FloatVector.fromArray(S, w, off + 2 * L).mul(g));
        d3 = d3.add(FloatVector.fromArray(S, w, off + 3 * L).mul(g));
      }
      d0.intoArray(da, j);
      d1.intoArray(da, j + L);
      d2.intoArray(da, j + 2 * L);
      d3.intoArray(da, j + 3 * L);
    }
    for (; j + L <= dim; j += L) {
      FloatVector x0 = FloatVector.fromArray(S, a, j);
      FloatVector d0 = FloatVector.zero(S);
      for (int i = 0; i < dim; i++) {
        float dzi = dz[i];
        if (dzi != 0f) {
          FloatVector g = FloatVector.broadcast(S, dzi);
          int off = i * dim + j;
          FloatVector.fromArray(S, gw, off).add(g.mul(x0)).intoArray(gw, off);
          d0 = d0.add(FloatVector.fromArray(S, w, off).mul(g));
        }
      }
      d0.intoArray(da, j);
    }
    for (; j < dim; j++) {
      float d = 0f;
      float aj = a[j];
      for (int i = 0; i < dim; i++) {
        float dzi = dz[i];
        if (dzi != 0f) {
          gw[i * dim + j] += dzi * aj;
          d += w[i * dim + j] * dzi;
        }
      }
      da[j] = d;
    }
  }

  static void axpy(float[] y, int yo, float a, float[] x, int xo, int len) {
    FloatVector va = FloatVector.broadcast(S, a);
    int j = 0;
    for (; j + L <= len; j += L) {
      FloatVector.fromArray(S, y, yo + j).add(va.mul(FloatVector.fromArray(S, x, xo + j))).intoArray(y, yo + j);
    }
    for (; j < len; j++) {
      y[yo + j] += a * x[xo + j];
    }
  }

  static void axmy(float[] y, int yo, float a, float[] x, int xo, int len) {
    FloatVector va = FloatVector.broadcast(S, a);
    int j = 0;
    for (; j + L <= len; j += L) {
      FloatVector.fromArray(S, y, yo + j).sub(va.mul(FloatVector.fromArray(S, x, xo + j))).intoArray(y, yo + j);
    }
    for (; j < len; j++) {
      y[yo + j] -= a * x[xo + j];
    }
  }

  static float dot(float[] a, int ao, float[] b, int bo, int len) {
    FloatVector s = FloatVector.zero(S4);
    int j = 0;
    for (; j + 3 < len; j += 4) {
      s = s.add(FloatVector.fromArray(S4, a, ao + j).mul(FloatVector.fromArray(S4, b, bo + j)));
    }
    float s0 = s.lane(0);
    for (; j < len; j++) {
      s0 += a[ao + j] * b[bo + j];
    }
    return (s0 + s.lane(1)) + (s.lane(2) + s.lane(3));
  }
}
