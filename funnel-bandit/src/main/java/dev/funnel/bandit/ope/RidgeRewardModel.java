package dev.funnel.bandit.ope;

import dev.funnel.bandit.RidgeModel;

/**
 * {@code q̂(x, a) = θᵀφ(x, a)}: ridge regression of the logged reward on a feature vector of
 * the logged (context, action), e.g. the bandit's own joint features. Uses the same
 * {@link RidgeModel} as the policies.
 */
public final class RidgeRewardModel implements RewardModel {
  /** Features of row {@code i}'s candidate action {@code a}. */
  public interface Features {
    double[] of(int row, int action);

    int actions(int row);
  }

  private final Features features;
  private final int[] logged;
  private final double[] reward;
  private final int dim;
  private final double lambda;

  public RidgeRewardModel(Features features, int[] logged, double[] reward, int dim, double lambda) {
    this.features = features;
    this.logged = logged;
    this.reward = reward;
    this.dim = dim;
    this.lambda = lambda;
  }

  @Override
  public double[][] fitPredict(int[] train, int[] predict) {
    RidgeModel m = new RidgeModel(dim, lambda);
    for (int i : train) {
      m.update(features.of(i, logged[i]), reward[i]);
    }
    double[][] out = new double[predict.length][];
    for (int k = 0; k < predict.length; k++) {
      int i = predict[k];
      double[] q = new double[features.actions(i)];
      for (int a = 0; a < q.length; a++) {
        q[a] = m.mean(features.of(i, a));
      }
      out[k] = q;
    }
    return out;
  }
}
