package dev.funnel.bandit.ope;

import dev.funnel.core.Checks;
import java.util.SplittableRandom;

/**
 * A reward model {@code q̂(x, a)} for the doubly-robust estimator, fitted on some logged rows
 * and predicting every candidate action of other rows. {@link #crossFit} fits it on K − 1
 * folds and predicts the remaining fold, so no row's prediction has seen its own reward.
 */
public interface RewardModel {
  /** Fits on rows {@code train} and returns {@code q̂(x_i, a)} for every row {@code i} in {@code predict}. */
  double[][] fitPredict(int[] train, int[] predict);

  /** Cross-fitted predictions for rows 0..n-1 with {@code folds} random folds (seeded, {@link #folds}). */
  static double[][] crossFit(RewardModel model, int n, int folds, long seed) {
    int[] fold = folds(n, folds, seed);
    double[][] out = new double[n][];
    for (int f = 0; f < folds; f++) {
      final int ff = f;
      int[] test = java.util.stream.IntStream.range(0, n).filter(i -> fold[i] == ff).toArray();
      int[] train = java.util.stream.IntStream.range(0, n).filter(i -> fold[i] != ff).toArray();
      double[][] p = model.fitPredict(train, test);
      for (int k = 0; k < test.length; k++) {
        out[test[k]] = p[k];
      }
    }
    return out;
  }

  /**
   * The cross-fitting fold of each of rows 0..n-1: a seeded random permutation (Fisher-Yates)
   * dealt round-robin into {@code folds} folds, so fold sizes differ by at most one.
   */
  static int[] folds(int n, int folds, long seed) {
    Checks.atLeast("folds", folds, 2);
    int[] fold = new int[n];
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    for (int i = 0; i < n; i++) {
      fold[perm[i]] = i % folds;
    }
    return fold;
  }
}
