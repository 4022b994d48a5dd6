package dev.funnel.spark;

import dev.funnel.rank.PositionBiasEstimator;
import dev.funnel.rank.Propensities;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * The per-pair EM of {@link PositionBiasEstimator#estimate} over a distributed dataset: the
 * impressions are reduced to click and skip counts per (query, item) pair and pooled position;
 * each pair's relevance γ stays on the executor that holds it, and only θ (one number per
 * position) travels, once per iteration. The E-step and M-step are the estimator's own
 * functions; the sums run in another order, so θ agrees to floating-point rounding.
 */
final class SparkPositionBias {
  private SparkPositionBias() {}

  /** One (query, item) pair: clicks and skips per pooled position, γ and the last E-step's examination sums. */
  static final class Pair implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] clicks;
    final long[] skips;
    final double gamma;
    final double[] examined;

    Pair(long[] clicks, long[] skips, double gamma, double[] examined) {
      this.clicks = clicks;
      this.skips = skips;
      this.gamma = gamma;
      this.examined = examined;
    }

    static Pair of(int positionIndex, boolean clicked, int maxPosition) {
      long[] c = new long[maxPosition];
      long[] s = new long[maxPosition];
      (clicked ? c : s)[positionIndex]++;
      return new Pair(c, s, PositionBiasEstimator.START, null);
    }

    static Pair merge(Pair a, Pair b) {
      long[] c = a.clicks.clone();
      long[] s = a.skips.clone();
      for (int k = 0; k < c.length; k++) {
        c[k] += b.clicks[k];
        s[k] += b.skips[k];
      }
      return new Pair(c, s, PositionBiasEstimator.START, null);
    }

    /** E-step under θ with this pair's γ, and the pair's M-step for γ. */
    Pair step(double[] theta) {
      double[] e = new double[theta.length];
      double relevant = 0;
      long n = 0;
      for (int k = 0; k < theta.length; k++) {
        if (clicks[k] == 0 && skips[k] == 0) {
          continue;
        }
        n += clicks[k] + skips[k];
        e[k] = clicks[k] + skips[k] * PositionBiasEstimator.examinedGivenSkip(theta[k], gamma);
        relevant += clicks[k] + skips[k] * PositionBiasEstimator.relevantGivenSkip(theta[k], gamma);
      }
      return new Pair(clicks, skips, PositionBiasEstimator.nextGamma(relevant, n), e);
    }
  }

  /** A run's propensities and the iterations it took. */
  record Result(Propensities propensities, int iterations) {}

  /**
   * Pairs up to this many are collected and iterated on the driver (a few hundred bytes each):
   * the distributed part is reducing the log to pairs; iterating on the executors pays one Spark
   * job per EM iteration and only wins when the pairs do not fit on one machine.
   */
  static final long DRIVER_PAIRS = 2_000_000;

  /** Runs the EM of {@code estimator}, on the driver when there are at most {@code driverPairs} pairs, else on the executors. */
  static Result estimate(JavaRDD<Pair> pairs, PositionBiasEstimator estimator, long driverPairs) {
    JavaRDD<Pair> cached = pairs.persist(StorageLevel.MEMORY_AND_DISK());
    if (cached.count() > driverPairs) {
      return estimate(cached, estimator);
    }
    List<Pair> local = cached.collect();
    cached.unpersist(false);
    int maxPosition = estimator.maxPosition();
    long[] counts = new long[maxPosition];
    for (Pair p : local) {
      for (int k = 0; k < maxPosition; k++) {
        counts[k] += p.clicks[k] + p.skips[k];
      }
    }
    if (local.isEmpty()) {
      throw new dev.funnel.core.InvalidInputException("observations", 0, "expected impressions to estimate position bias from");
    }
    int positions = PositionBiasEstimator.positions(counts);
    double[] theta = new double[positions];
    Arrays.fill(theta, PositionBiasEstimator.START);
    Pair[] state = local.toArray(new Pair[0]);
    int it = 0;
    while (it < estimator.maxIterations()) {
      it++;
      double[] sumE = new double[positions];
      for (int i = 0; i < state.length; i++) {
        state[i] = state[i].step(theta);
        for (int k = 0; k < positions; k++) {
          sumE[k] += state[i].examined[k];
        }
      }
      if (update(theta, sumE, counts) < estimator.tolerance()) {
        break;
      }
    }
    return new Result(PositionBiasEstimator.relative(theta), it);
  }

  /** θ's M-step in place; returns the largest change. */
  private static double update(double[] theta, double[] sumE, long[] counts) {
    double moved = 0;
    for (int k = 0; k < theta.length; k++) {
      double v = PositionBiasEstimator.nextTheta(sumE[k], counts[k], theta[k]);
      moved = Math.max(moved, Math.abs(v - theta[k]));
      theta[k] = v;
    }
    return moved;
  }

  /** Runs the EM of {@code estimator} (its position cap, iteration cap and tolerance) over pairs, on the executors. */
  static Result estimate(JavaRDD<Pair> pairs, PositionBiasEstimator estimator) {
    int maxPosition = estimator.maxPosition();
    long[] counts = pairs.map(p -> {
      long[] n = new long[maxPosition];
      for (int k = 0; k < maxPosition; k++) {
        n[k] = p.clicks[k] + p.skips[k];
      }
      return n;
    }).fold(new long[maxPosition], (a, b) -> {
      long[] s = a.clone();
      for (int k = 0; k < s.length; k++) {
        s[k] += b[k];
      }
      return s;
    });
    if (Arrays.stream(counts).sum() == 0) {
      throw new dev.funnel.core.InvalidInputException("observations", 0, "expected impressions to estimate position bias from");
    }
    int positions = PositionBiasEstimator.positions(counts);
    double[] theta = new double[positions];
    Arrays.fill(theta, PositionBiasEstimator.START);
    JavaRDD<Pair> state = pairs.persist(StorageLevel.MEMORY_AND_DISK());
    int it = 0;
    while (it < estimator.maxIterations()) {
      it++;
      double[] th = theta.clone();
      JavaRDD<Pair> next = state.map(p -> p.step(th)).persist(StorageLevel.MEMORY_AND_DISK());
      if (it % 20 == 0) {
        next.rdd().localCheckpoint(); // keeps the lineage (and task size) flat over many iterations
      }
      double[] sumE = next.map(p -> p.examined).treeAggregate(new double[positions], (a, e) -> {
        for (int k = 0; k < a.length; k++) {
          a[k] += e[k];
        }
        return a;
      }, (a, b) -> {
        for (int k = 0; k < a.length; k++) {
          a[k] += b[k];
        }
        return a;
      });
      double moved = update(theta, sumE, counts);
      state.unpersist(false);
      state = next;
      if (moved < estimator.tolerance()) {
        break;
      }
    }
    state.unpersist(false);
    return new Result(PositionBiasEstimator.relative(theta), it);
  }
}
