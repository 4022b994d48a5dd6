package dev.funnel.graph;

import java.util.SplittableRandom;

/**
 * A tiny planted directed graph for tests: {@code groups} groups of {@code size} nodes arranged in
 * a directed cycle; every node of group g links to {@code fanout} distinct nodes of group g+1,
 * chosen with probability proportional to 1/(rank+1) within the group (so some targets are
 * popular). No edge goes backwards, so every edge is non-reciprocal.
 */
final class PlantedGraph {
  private PlantedGraph() {}

  static Graph generate(int groups, int size, int fanout, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    EdgeList edges = new EdgeList();
    for (int i = 0; i < groups * size; i++) {
      edges.node("p" + i);
    }
    double[] cum = new double[size];
    double total = 0;
    for (int r = 0; r < size; r++) {
      total += 1.0 / (r + 1);
      cum[r] = total;
    }
    for (int g = 0; g < groups; g++) {
      int next = (g + 1) % groups;
      for (int a = 0; a < size; a++) {
        java.util.Set<Integer> chosen = new java.util.HashSet<>();
        while (chosen.size() < fanout) {
          double x = rng.nextDouble() * total;
          int r = 0;
          while (cum[r] < x) {
            r++;
          }
          chosen.add(r);
        }
        for (int r : chosen) {
          edges.add(g * size + a, next * size + r, 1f);
        }
      }
    }
    return edges.toGraph();
  }
}
