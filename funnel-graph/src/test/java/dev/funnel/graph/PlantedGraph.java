package dev.funnel.graph;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A tiny planted directed graph for tests, shaped like a citation graph: {@code groups}
 * communities of {@code size} nodes; node at position a of a group links to {@code fanout}
 * distinct earlier nodes b &lt; a of its own group (all of them when fewer exist), chosen with
 * probability proportional to 1/(b+1)^2, so early nodes are popular. Edges stay inside a group
 * (homophily), always point to an earlier node (direction) and are never reciprocal.
 */
final class PlantedGraph {
  private PlantedGraph() {}

  static Graph generate(int groups, int size, int fanout, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    EdgeList edges = new EdgeList();
    for (int i = 0; i < groups * size; i++) {
      edges.node("p" + i);
    }
    for (int g = 0; g < groups; g++) {
      for (int a = 1; a < size; a++) {
        double total = 0;
        for (int b = 0; b < a; b++) {
          total += 1.0 / ((b + 1) * (b + 1));
        }
        Set<Integer> chosen = new HashSet<>();
        while (chosen.size() < Math.min(fanout, a)) {
          double x = rng.nextDouble() * total;
          int b = 0;
          double cum = 1.0;
          while (cum < x && b < a - 1) {
            b++;
            cum += 1.0 / ((b + 1) * (b + 1));
          }
          chosen.add(b);
        }
        for (int b : chosen) {
          edges.add(g * size + a, g * size + b, 1f);
        }
      }
    }
    return edges.toGraph();
  }
}
