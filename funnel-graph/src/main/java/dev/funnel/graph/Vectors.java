package dev.funnel.graph;

/** Dot products with four partial sums ({@link Kernels#dot}), for scoring embeddings. */
final class Vectors {
  private Vectors() {}

  static float dot(float[] a, int ao, float[] b, int bo, int len) {
    return Kernels.dot(a, ao, b, bo, len);
  }
}
