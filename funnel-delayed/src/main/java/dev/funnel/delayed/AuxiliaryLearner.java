package dev.funnel.delayed;

import dev.funnel.core.Checks;
import dev.funnel.ml.Gbm;
import dev.funnel.ml.GbmDataset;
import dev.funnel.ml.GbmModel;
import dev.funnel.ml.GbmParams;

/**
 * Fits the auxiliary probability models of the weighting schemes (delay, fake-negative and
 * flip probabilities) with LightGBM through funnel-ml. Auxiliary models are always trained on
 * rows whose labels were mature at training time. Defaults: 60 rounds, learning rate 0.1, 15
 * leaves and 50 rows per leaf: smaller than the conversion model because the targets (was the
 * label seen yet?) are smooth in the elapsed time and the positive class is rare, so a
 * coarser model is less noisy. One thread: the sets are small, and OpenMP threads spin-waiting
 * on a busy 2-core machine cost more than they gain. Predictions are clipped to [1e-4, 1 - 1e-4] so that weights stay
 * finite.
 */
public final class AuxiliaryLearner {
  static final double CLIP = 1e-4;
  private final int rounds;
  private final long seed;

  public AuxiliaryLearner(int rounds, long seed) {
    this.rounds = Checks.atLeast("auxRounds", rounds, 1);
    this.seed = seed;
  }

  public static AuxiliaryLearner defaults(long seed) {
    return new AuxiliaryLearner(60, seed);
  }

  public int rounds() {
    return rounds;
  }

  /**
   * Trains on {@code (x, y)} and returns the predicted probabilities of {@code query}. With one
   * class only (or fewer than 50 rows), returns the smoothed base rate (positives + 1) / (n + 2).
   */
  public double[] fitPredict(float[][] x, boolean[] y, String categorical, float[][] query) {
    int pos = 0;
    for (boolean b : y) {
      pos += b ? 1 : 0;
    }
    double[] out = new double[query.length];
    if (query.length == 0) {
      return out;
    }
    if (x.length < 50 || pos == 0 || pos == y.length) {
      java.util.Arrays.fill(out, (pos + 1.0) / (y.length + 2.0));
      return out;
    }
    float[] labels = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      labels[i] = y[i] ? 1 : 0;
    }
    GbmParams p = GbmParams.binary(rounds, seed).withLeaves(15, 50).withExtra("num_threads", "1");
    if (!categorical.isEmpty()) {
      p = p.withExtra("categorical_feature", categorical);
    }
    try (GbmModel m = Gbm.train(new GbmDataset(x, labels, null, null, null), p)) {
      double[] raw = m.predict(query);
      for (int i = 0; i < raw.length; i++) {
        out[i] = Math.min(1 - CLIP, Math.max(CLIP, raw[i]));
      }
      return out;
    }
  }
}
