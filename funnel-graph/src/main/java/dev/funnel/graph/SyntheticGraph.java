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

  /**
   * A seeded synthetic co-purchase graph whose reciprocity is set: {@code nodes} items in
   * categories of about 100 items; every item draws an out- and an in-weight from Pareto(2.1)
   * (degree skew as {@link #generate}). Two kinds of planted relations:
   *
   * <ul>
   *   <li><b>one-way</b> (phone -> case): u drawn by out-weight, v by in-weight from a complement
   *       category of u's category c (c+1 with probability 0.7, c+2 otherwise, modulo the number
   *       of categories, at least 5, so no category is a complement of its complement);
   *   <li><b>two-way</b> (two similar cases): u by out-weight, v by in-weight from u's own
   *       category; both u -> v and v -> u are added.
   * </ul>
   *
   * Two-way pairs make {@code reciprocity} of the edges (share of edges whose reverse is an edge);
   * the rest is one-way, of which {@code noise} is replaced by edges between items drawn by
   * weight from the whole catalogue (no structure). Planted edges carry a count 1 + Geometric(0.4)
   * (mean 2.5, "bought U then V" several times), noise edges count 1. Every edge is distinct (a
   * repeated draw is redrawn), so the graph has exactly {@code edges} edges and, up to chance
   * reverse pairs among the noise edges, the requested reciprocity. Node ids {@code "c{cat}i{n}"}.
   */
  public static Graph copurchase(int nodes, int edges, double reciprocity, double noise, long seed) {
    if (nodes < 500) {
      throw new InvalidInputException("nodes", nodes, "expected an integer >= 500 (5 categories of 100)");
    }
    if (edges < 1 || edges > (long) nodes * 50) {
      throw new InvalidInputException("edges", edges, "expected an integer in [1, 50 x nodes]");
    }
    if (!(reciprocity >= 0 && reciprocity <= 1)) {
      throw new InvalidInputException("reciprocity", reciprocity, "expected a number in [0, 1]");
    }
    if (!(noise >= 0 && noise < 1)) {
      throw new InvalidInputException("noise", noise, "expected a number in [0, 1)");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int k = nodes / 100;
    int[] cat = new int[nodes];
    int[] catStart = new int[k + 1];
    for (int c = 0; c <= k; c++) {
      catStart[c] = (int) ((long) c * nodes / k);
    }
    for (int c = 0; c < k; c++) {
      for (int i = catStart[c]; i < catStart[c + 1]; i++) {
        cat[i] = c;
      }
    }
    double[] outCum = cumulativePareto(nodes, DEFAULT_ALPHA, rng.split());
    double[] inCum = cumulativePareto(nodes, DEFAULT_ALPHA, rng.split());
    java.util.HashSet<Long> seen = new java.util.HashSet<>();
    int[] src = new int[edges];
    int[] dst = new int[edges];
    float[] w = new float[edges];
    int m = 0;
    int pairs = (int) Math.round(reciprocity * edges / 2);
    int oneWay = edges - 2 * pairs;
    int noisy = (int) Math.round(noise * oneWay);
    long attempts = 0;
    long maxAttempts = 100L * edges + 1000;
    while (m < 2 * pairs && attempts++ < maxAttempts) {
      int u = pick(outCum, rng);
      int c = cat[u];
      int v = pickIn(inCum, catStart[c], catStart[c + 1], rng);
      if (u == v || seen.contains(key(u, v)) || seen.contains(key(v, u))) {
        continue;
      }
      seen.add(key(u, v));
      seen.add(key(v, u));
      src[m] = u;
      dst[m] = v;
      w[m++] = count(rng);
      src[m] = v;
      dst[m] = u;
      w[m++] = count(rng);
    }
    int planted = oneWay - noisy;
    int target = m + planted;
    while (m < target && attempts++ < maxAttempts) {
      int u = pick(outCum, rng);
      int c = (cat[u] + (rng.nextDouble() < 0.7 ? 1 : 2)) % k;
      int v = pickIn(inCum, catStart[c], catStart[c + 1], rng);
      if (!seen.add(key(u, v))) {
        continue;
      }
      src[m] = u;
      dst[m] = v;
      w[m++] = count(rng);
    }
    while (m < edges && attempts++ < maxAttempts) {
      int u = pick(outCum, rng);
      int v = pick(inCum, rng);
      if (u == v || !seen.add(key(u, v))) {
        continue;
      }
      src[m] = u;
      dst[m] = v;
      w[m++] = 1f;
    }
    if (m < edges) {
      throw new InvalidInputException("edges", edges, "too many for " + nodes + " nodes with this structure (drew " + m + ")");
    }
    String[] ids = new String[nodes];
    for (int i = 0; i < nodes; i++) {
      ids[i] = "c" + cat[i] + "i" + i;
    }
    return Graph.build(ids, src, dst, w);
  }

  private static long key(int u, int v) {
    return ((long) u << 32) | (v & 0xffffffffL);
  }

  private static float count(SplittableRandom rng) {
    int c = 1;
    while (rng.nextDouble() >= 0.4 && c < 100) {
      c++;
    }
    return c;
  }

  /** A node of [lo, hi) drawn with probability proportional to its weight. */
  private static int pickIn(double[] cum, int lo, int hi, SplittableRandom rng) {
    double base = lo == 0 ? 0 : cum[lo - 1];
    double x = base + rng.nextDouble() * (cum[hi - 1] - base);
    int a = lo;
    int b = hi - 1;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (cum[mid] > x) {
        b = mid;
      } else {
        a = mid + 1;
      }
    }
    return a;
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
