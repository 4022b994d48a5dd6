package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;

/**
 * Final node embeddings: score(u -> v) = source(u) . target(v). For a symmetric model source and
 * target are the same array. Row-major {@code n x dim} float arrays.
 */
public final class DualEmbeddings implements LinkScorer {
  private final int n;
  private final int dim;
  private final float[] source;
  private final float[] target;

  public DualEmbeddings(int n, int dim, float[] source, float[] target) {
    if ((long) n * dim != source.length || (long) n * dim != target.length) {
      throw new InvalidInputException("embeddings", source.length + "/" + target.length,
          "expected " + n + " x " + dim + " floats");
    }
    for (float x : source) {
      if (!Float.isFinite(x)) {
        throw new InvalidInputException("source embedding", x, "expected finite values");
      }
    }
    if (target != source) {
      for (float x : target) {
        if (!Float.isFinite(x)) {
          throw new InvalidInputException("target embedding", x, "expected finite values");
        }
      }
    }
    this.n = n;
    this.dim = dim;
    this.source = source;
    this.target = target;
  }

  @Override
  public int nodeCount() {
    return n;
  }

  public int dim() {
    return dim;
  }

  /** A copy of node u's source embedding. */
  public float[] source(int u) {
    return java.util.Arrays.copyOfRange(source, u * dim, (u + 1) * dim);
  }

  public float[] target(int v) {
    return java.util.Arrays.copyOfRange(target, v * dim, (v + 1) * dim);
  }

  boolean symmetric() {
    return source == target;
  }

  float[] sourceArray() {
    return source;
  }

  float[] targetArray() {
    return target;
  }

  @Override
  public double score(int u, int v) {
    return Vectors.dot(source, u * dim, target, v * dim, dim);
  }

  @Override
  public void scoreAll(int u, float[] out) {
    int a = u * dim;
    for (int v = 0; v < n; v++) {
      out[v] = Vectors.dot(source, a, target, v * dim, dim);
    }
  }
}
