package dev.funnel.bandit.ope;

import dev.funnel.core.InvalidInputException;

/**
 * Logged bandit rounds prepared for off-policy evaluation. Row {@code i} offers
 * {@code target[i].length} candidate actions; the logging policy chose {@code logged[i]} with
 * probability {@code propensity[i]} and observed {@code reward[i]}; the evaluated (target)
 * policy would choose action {@code a} with probability {@code target[i][a]}. {@code
 * predicted[i][a]} is a reward model's estimate {@code q̂(x_i, a)} (needed only by the
 * doubly-robust estimator; null otherwise).
 */
public final class OpeData {
  private final double[] reward;
  private final double[] propensity;
  private final int[] logged;
  private final double[][] target;
  private final double[][] predicted;

  public OpeData(double[] reward, double[] propensity, int[] logged, double[][] target, double[][] predicted) {
    int n = reward.length;
    if (propensity.length != n || logged.length != n || target.length != n || (predicted != null && predicted.length != n)) {
      throw new InvalidInputException("rows", n, "expected reward, propensity, logged action, target (and predictions) of equal length");
    }
    if (n == 0) {
      throw new InvalidInputException("rows", 0, "expected at least one logged round");
    }
    for (int i = 0; i < n; i++) {
      if (!(propensity[i] > 0 && propensity[i] <= 1)) {
        throw new InvalidInputException("propensity[" + i + "]", propensity[i], "expected a logging probability in (0, 1]");
      }
      if (logged[i] < 0 || logged[i] >= target[i].length) {
        throw new InvalidInputException("logged[" + i + "]", logged[i], "expected an action index in [0, " + target[i].length + ")");
      }
      if (!Double.isFinite(reward[i])) {
        throw new InvalidInputException("reward[" + i + "]", reward[i], "expected a finite reward");
      }
      if (predicted != null && predicted[i].length != target[i].length) {
        throw new InvalidInputException("predicted[" + i + "]", predicted[i].length, "expected one prediction per candidate action (" + target[i].length + ")");
      }
    }
    this.reward = reward;
    this.propensity = propensity;
    this.logged = logged;
    this.target = target;
    this.predicted = predicted;
  }

  /** The same rounds with reward-model predictions attached. */
  public OpeData withPredictions(double[][] predictions) {
    return new OpeData(reward, propensity, logged, target, predictions);
  }

  public int size() {
    return reward.length;
  }

  public double reward(int i) {
    return reward[i];
  }

  public double propensity(int i) {
    return propensity[i];
  }

  public int logged(int i) {
    return logged[i];
  }

  /** Importance weight {@code π(a_i|x_i)/μ(a_i|x_i)}. */
  public double weight(int i) {
    return target[i][logged[i]] / propensity[i];
  }

  public double[] target(int i) {
    return target[i];
  }

  public double[] predicted(int i) {
    if (predicted == null) {
      throw new IllegalStateException("no reward-model predictions attached (see OpeData.withPredictions)");
    }
    return predicted[i];
  }

  /** Mean logged reward: the logging policy's own value. */
  public double meanReward() {
    double s = 0;
    for (double r : reward) {
      s += r;
    }
    return s / reward.length;
  }

  /** All row indices 0..n-1. */
  public int[] allRows() {
    int[] idx = new int[size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    return idx;
  }
}
