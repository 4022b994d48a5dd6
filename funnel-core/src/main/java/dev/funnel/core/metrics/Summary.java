package dev.funnel.core.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Means, percentiles and percentile-bootstrap confidence intervals. */
public final class Summary {
  private Summary() {}

  public static double mean(double[] xs) {
    double s = 0;
    for (double x : xs) {
      s += x;
    }
    return xs.length == 0 ? Double.NaN : s / xs.length;
  }

  /** Percentile {@code q} in [0, 100] with linear interpolation between order statistics. */
  public static double percentile(double[] xs, double q) {
    if (xs.length == 0) {
      return Double.NaN;
    }
    double[] s = xs.clone();
    Arrays.sort(s);
    double pos = q / 100.0 * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
  }

  public static double median(double[] xs) {
    return percentile(xs, 50);
  }

  /** A two-sided interval [lo, hi]. */
  public record Interval(double lo, double hi) {
    public double[] toArray() {
      return new double[] {lo, hi};
    }
  }

  /**
   * Percentile bootstrap interval of {@code statistic} over {@code n} units resampled with
   * replacement. {@code statistic} receives the resampled unit indices.
   */
  public static Interval bootstrap(int n, int resamples, double level, long seed, ToDoubleFunction<int[]> statistic) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] stats = new double[resamples];
    int[] idx = new int[n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        idx[i] = rnd.nextInt(n);
      }
      stats[b] = statistic.applyAsDouble(idx);
    }
    double[] finite = Arrays.stream(stats).filter(Double::isFinite).toArray();
    double alpha = (1 - level) / 2 * 100;
    return new Interval(percentile(finite, alpha), percentile(finite, 100 - alpha));
  }

  /** Bootstrap interval of the mean of {@code xs}. */
  public static Interval bootstrapMean(double[] xs, int resamples, double level, long seed) {
    return bootstrap(
        xs.length,
        resamples,
        level,
        seed,
        idx -> {
          double s = 0;
          for (int i : idx) {
            s += xs[i];
          }
          return s / idx.length;
        });
  }
}
