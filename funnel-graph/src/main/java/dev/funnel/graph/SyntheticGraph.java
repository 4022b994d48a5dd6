package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;
import java.util.SplittableRandom;

/**
 * Seeded synthetic power-law directed graphs (directed Chung-Lu model, Chung and Lu 2002): every
 * node draws an out-weight and an in-weight from a Pareto distribution with tail index
 * {@code alpha} (P(W > w) = w^-alpha, w >= 1); each of {@code edges} draws picks its source with
 * probability proportional to out-weight and its target proportional to in-weight. Self-loops are
 * redrawn; duplicate draws merge, so the graph can have slightly fewer distinct edges. Node ids are
 * {@code "n0".."n{nodes-1}"}.
 */
public final class SyntheticGraph {
  /** Tail index 2.1: in- and out-degree tails close to the exponents measured on citation and web graphs (about 2.1 to 2.5, Broder et al. 2000). */
  public static final double DEFAULT_ALPHA = 2.1;

  private SyntheticGraph() {}

  public static Graph generate(int nodes, long edges, double alpha, long seed) {
    if (nodes < 2) {
      throw new InvalidInputException("nodes", nodes, "expected an integer >= 2");
    }
    if (edges < 1 || edges > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException("edges", edges, "expected an integer in [1, 2^31 - 9]");
    }
    if (!(alpha > 1)) {
      throw new InvalidInputException("alpha", alpha, "expected a Pareto tail index > 1");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] outCum = cumulativePareto(nodes, alpha, rng.split());
    double[] inCum = cumulativePareto(nodes, alpha, rng.split());
    int m = (int) edges;
    int[] src = new int[m];
    int[] dst = new int[m];
    float[] w = new float[m];
    for (int e = 0; e < m; e++) {
      int s;
      int d;
      do {
        s = pick(outCum, rng);
        d = pick(inCum, rng);
      } while (s == d);
      src[e] = s;
      dst[e] = d;
      w[e] = 1f;
    }
    String[] ids = new String[nodes];
    for (int i = 0; i < nodes; i++) {
      ids[i] = "n" + i;
    }
    return Graph.build(ids, src, dst, w);
  }

  private static double[] cumulativePareto(int n, double alpha, SplittableRandom rng) {
    double[] cum = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += Math.pow(1.0 - rng.nextDouble(), -1.0 / alpha);
      cum[i] = total;
    }
    return cum;
  }

  private static int pick(double[] cum, SplittableRandom rng) {
    double x = rng.nextDouble() * cum[cum.length - 1];
    int lo = 0;
    int hi = cum.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cum[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
