package dev.funnel.uncertainty;

import dev.funnel.core.InvalidInputException;
import java.util.SplittableRandom;

/**
 * Labelled predictions: per example a score, an uncertainty (>= 0) and a binary label. This is
 * the input of every threshold method and of the evaluation. Arrays are owned by the record; do
 * not modify them after construction.
 */
public record ScoredSet(double[] scores, double[] uncertainties, boolean[] labels) {
  public ScoredSet {
    if (scores.length != uncertainties.length || scores.length != labels.length) {
      throw new InvalidInputException("uncertainties", uncertainties.length + "/" + labels.length,
          "expected one uncertainty and one label per score (" + scores.length + ")");
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new InvalidInputException("scores[" + i + "]", scores[i], "expected a finite number");
      }
      if (!(uncertainties[i] >= 0) || !Double.isFinite(uncertainties[i])) {
        throw new InvalidInputException("uncertainties[" + i + "]", uncertainties[i], "expected a finite number >= 0");
      }
    }
  }

  public int size() {
    return scores.length;
  }

  public int positives() {
    int p = 0;
    for (boolean l : labels) {
      p += l ? 1 : 0;
    }
    return p;
  }

  /** The examples at {@code idx} (repeats allowed), in that order. */
  public ScoredSet subset(int[] idx) {
    double[] s = new double[idx.length];
    double[] u = new double[idx.length];
    boolean[] l = new boolean[idx.length];
    for (int i = 0; i < idx.length; i++) {
      s[i] = scores[idx[i]];
      u[i] = uncertainties[idx[i]];
      l[i] = labels[idx[i]];
    }
    return new ScoredSet(s, u, l);
  }

  /**
   * Splits into two parts, the first holding {@code fraction} of the positives and of the
   * negatives (stratified, so rare positives are shared fairly), shuffled by {@code seed}.
   */
  public ScoredSet[] split(double fraction, long seed) {
    int[][] parts = Splits.stratified(labels, new double[] {fraction, 1 - fraction}, new SplittableRandom(seed));
    return new ScoredSet[] {subset(parts[0]), subset(parts[1])};
  }
}
