package dev.funnel.bandit.ope;

import dev.funnel.core.Checks;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code q̂(x, a)} = the mean reward of the rows whose logged (context, action) key equals the
 * key of {@code (x, a)}, shrunk towards the overall training mean with {@code priorStrength}
 * pseudo-observations: {@code (Σ r + m·r̄)/(n + m)}. For the Open Bandit Dataset the key is
 * (item, position), i.e. the per-(item, position) empirical CTR.
 */
public final class KeyedMeanRewardModel implements RewardModel {
  /** Pseudo-observations of the prior: at a CTR near 0.5%, 100 views are needed to see a click. */
  public static final double DEFAULT_PRIOR_STRENGTH = 100;

  private final long[] loggedKey;
  private final long[][] candidateKeys;
  private final double[] reward;
  private final double priorStrength;

  /**
   * @param loggedKey key of each row's logged (context, action)
   * @param candidateKeys key of each row's candidate actions, in the order of the target distribution
   */
  public KeyedMeanRewardModel(long[] loggedKey, long[][] candidateKeys, double[] reward, double priorStrength) {
    this.loggedKey = loggedKey;
    this.candidateKeys = candidateKeys;
    this.reward = reward;
    this.priorStrength = Checks.nonNegative("prior_strength", priorStrength);
  }

  @Override
  public double[][] fitPredict(int[] train, int[] predict) {
    Map<Long, double[]> sums = new HashMap<>();
    double total = 0;
    for (int i : train) {
      double[] s = sums.computeIfAbsent(loggedKey[i], k -> new double[2]);
      s[0] += reward[i];
      s[1]++;
      total += reward[i];
    }
    double prior = train.length == 0 ? 0 : total / train.length;
    double[][] out = new double[predict.length][];
    for (int k = 0; k < predict.length; k++) {
      long[] keys = candidateKeys[predict[k]];
      double[] q = new double[keys.length];
      for (int a = 0; a < keys.length; a++) {
        double[] s = sums.get(keys[a]);
        double sum = s == null ? 0 : s[0];
        double n = s == null ? 0 : s[1];
        q[a] = n + priorStrength > 0 ? (sum + priorStrength * prior) / (n + priorStrength) : prior;
      }
      out[k] = q;
    }
    return out;
  }
}
