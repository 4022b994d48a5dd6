package dev.funnel.graph;

/**
 * Reusable per-thread buffers for one node's forward pass: its sampled neighbours and weights per
 * channel, the channel aggregates, and per role the tanh activation and the output embedding.
 */
final class Neighbourhood {
  int node;
  final int[][] nodes;
  final float[][] weights;
  final int[] count;
  final float[][] agg;
  final float[][] act;
  final float[][] emb;

  Neighbourhood(Architecture arch, int dim, int capacity) {
    int c = arch.channelCount();
    nodes = new int[c][capacity];
    weights = new float[c][capacity];
    count = new int[c];
    agg = new float[c][dim];
    act = new float[arch.roles()][dim];
    emb = new float[arch.roles()][dim];
  }
}
