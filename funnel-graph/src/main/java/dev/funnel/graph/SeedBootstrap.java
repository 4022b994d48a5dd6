package dev.funnel.graph;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Percentile-bootstrap intervals of HR@10 and MRR over several seeds: each resample draws, for
 * every seed, as many of that seed's test edges as it has, with replacement (stratified by seed),
 * and averages the per-seed means over seeds. Resample b of seed s uses a random source seeded by
 * (seed, b, s), so every method sees the same resampled edges (the splits are the same): the
 * interval of a difference between two methods is a paired one.
 */
public final class SeedBootstrap {
  private final int resamples;
  private final long seed;

  public SeedBootstrap(int resamples, long seed) {
    if (resamples < 10) {
      throw new IllegalArgumentException("resamples < 10: " + resamples);
    }
    this.resamples = resamples;
    this.seed = seed;
  }

  /** Which statistic of a rank: 1 if within the top 10, or the reciprocal rank. */
  public enum Stat {
    HR10, MRR;

    double of(double rank) {
      return this == HR10 ? LinkEvaluation.hit(rank, 10) : 1.0 / rank;
    }
  }

  /** The bootstrap distribution's 2.5% and 97.5% points of the statistic ({@code a} minus {@code b} when b != null). */
  public double[] interval(List<double[]> a, List<double[]> b, Stat stat) {
    double[] stats = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      double total = 0;
      for (int s = 0; s < a.size(); s++) {
        double[] ra = a.get(s);
        double[] rb = b == null ? null : b.get(s);
        int n = ra.length;
        SplittableRandom rng = new SplittableRandom(mix(mix(seed + r) + s));
        double sum = 0;
        for (int i = 0; i < n; i++) {
          int j = rng.nextInt(n);
          sum += stat.of(ra[j]) - (rb == null ? 0 : stat.of(rb[j]));
        }
        total += n == 0 ? 0 : sum / n;
      }
      stats[r] = total / a.size();
    }
    Arrays.sort(stats);
    return new double[] {quantile(stats, 0.025), quantile(stats, 0.975)};
  }

  /**
   * The murmur3 64-bit finaliser: seeds of neighbouring resamples must be unrelated (a seed that
   * differs by a multiple of SplittableRandom's increment would give a shifted copy of a stream).
   */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
