package dev.funnel.graph;

import java.util.SplittableRandom;

/**
 * Samples weighted neighbourhoods by random walks under a {@link SamplingRule}. Thread-safe (no
 * mutable state); callers pass their own random source and output buffers.
 */
public final class NeighbourSampler {
  private final Graph graph;
  private final SamplingRule rule;
  private final double meanDegree;

  public NeighbourSampler(Graph graph, SamplingRule rule) {
    this.graph = graph;
    this.rule = rule;
    this.meanDegree = graph.nodeCount() == 0 ? 1 : 2.0 * graph.edgeCount() / graph.nodeCount();
  }

  /** Upper bound on the number of sampled entries for one node with {@code multiplier}. */
  public int capacity(int multiplier) {
    return rule.maxWalks() * rule.maxDepth() * multiplier;
  }

  /**
   * Fills {@code nodes}/{@code weights} with the sampled neighbourhood of {@code u} along
   * {@code walk}, {@code multiplier} times the rule's walks, weights summing to 1. Returns the
   * number of entries (0 when {@code u} has no neighbour in that direction).
   */
  public int sample(int u, Walk walk, int multiplier, SplittableRandom rng, int[] nodes, float[] weights) {
    int degree = graph.outDegree(u) + graph.inDegree(u);
    int walks = rule.walks(degree, meanDegree) * multiplier;
    int depth = rule.depth(degree, meanDegree);
    int count = 0;
    double total = 0;
    for (int w = 0; w < walks; w++) {
      int x = u;
      float hopWeight = 1f;
      for (int h = 0; h < depth; h++) {
        int next = step(x, walk, rng);
        if (next < 0) {
          break;
        }
        nodes[count] = next;
        weights[count] = hopWeight;
        total += hopWeight;
        count++;
        x = next;
        hopWeight *= (float) rule.hopDecay();
      }
    }
    if (count > 0) {
      float inv = (float) (1.0 / total);
      for (int i = 0; i < count; i++) {
        weights[i] *= inv;
      }
    }
    return merge(nodes, weights, count);
  }

  private static final ThreadLocal<long[]> SCRATCH = ThreadLocal.withInitial(() -> new long[256]);

  /**
   * Merges repeated nodes of a sample (summing their weights) and orders the entries by node:
   * walks from a low-degree node revisit the same few neighbours, and every entry costs a gather
   * of an embedding row in the forward pass and a scatter in the backward pass, so a merged sample
   * does the same arithmetic on a fraction of the rows (and in memory order). Returns the new count.
   */
  static int merge(int[] nodes, float[] weights, int count) {
    if (count <= 1) {
      return count;
    }
    long[] packed = SCRATCH.get();
    if (packed.length < count) {
      packed = new long[Math.max(count, packed.length * 2)];
      SCRATCH.set(packed);
    }
    for (int i = 0; i < count; i++) {
      packed[i] = ((long) nodes[i] << 32) | (Float.floatToRawIntBits(weights[i]) & 0xffffffffL);
    }
    java.util.Arrays.sort(packed, 0, count);
    int k = -1;
    int last = -1;
    for (int i = 0; i < count; i++) {
      int node = (int) (packed[i] >>> 32);
      float w = Float.intBitsToFloat((int) packed[i]);
      if (node == last) {
        weights[k] += w;
      } else {
        k++;
        nodes[k] = node;
        weights[k] = w;
        last = node;
      }
    }
    return k + 1;
  }

  private int step(int x, Walk walk, SplittableRandom rng) {
    int out = graph.outDegree(x);
    int in = graph.inDegree(x);
    switch (walk) {
      case OUT -> {
        return out == 0 ? -1 : graph.out(x, below(rng, out));
      }
      case IN -> {
        return in == 0 ? -1 : graph.in(x, below(rng, in));
      }
      default -> {
        if (out + in == 0) {
          return -1;
        }
        int i = below(rng, out + in);
        return i < out ? graph.out(x, i) : graph.in(x, i - out);
      }
    }
  }

  /**
   * {@code rng.nextInt(bound)}, value for value: the JDK's bounded draw (a mask for a power of
   * two, otherwise rejection of the over-represented top of {@code nextInt() >>> 1} and a
   * remainder), written out so it calls the final class's {@code nextInt()} directly instead of
   * through the {@code RandomGenerator} interface, which the JIT can then inline. The walks draw
   * once per step; the bounded draw was a tenth of the profile's samples.
   */
  static int below(SplittableRandom rng, int bound) {
    int m = bound - 1;
    int r = rng.nextInt();
    if ((bound & m) == 0) {
      return r & m;
    }
    int u = r >>> 1;
    while (u + m - (r = u % bound) < 0) {
      u = rng.nextInt() >>> 1;
    }
    return r;
  }
}
