package dev.funnel.bandit.ope;

import dev.funnel.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A context-free policy on the Open Bandit Dataset: for each position, a distribution over
 * items ({@code probabilities[position − 1][item]}).
 *
 * <p>The Bernoulli Thompson sampling policy that logged {@code bts/} changed its distribution
 * in batches during the week; its on-policy CTR is the CTR of its week-long mixture, whose
 * per-position marginal is what {@link #fromLog} estimates from the BTS log:
 * <ul>
 *   <li>{@link BtsEstimate#FREQUENCY} (default): how often BTS showed each item at each position,
 *       {@code #(item, pos)/#pos}. Each row of the log is one draw from the policy of its time,
 *       so the frequency is an unbiased estimate of the time-averaged distribution.
 *   <li>{@link BtsEstimate#MEAN_PROPENSITY}: the mean logged {@code propensity_score} per
 *       (item, position), normalised per position. Rows are sampled in proportion to the
 *       propensity itself, so this is size-biased ({@code E[p²]/E[p]}) and more peaked than the
 *       true mixture; offered for comparison with OBP-style checks that use the logged
 *       action distribution.
 * </ul>
 */
public record ObdPolicy(String name, double[][] probabilities) {
  /** How {@link #fromLog} turns a BTS log into a distribution. */
  public enum BtsEstimate {
    FREQUENCY,
    MEAN_PROPENSITY;

    public static BtsEstimate parse(String s) {
      for (BtsEstimate e : values()) {
        if (e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(s)) {
          return e;
        }
      }
      throw new InvalidInputException("--bts-estimate", s, "expected frequency or mean-propensity");
    }
  }

  public ObdPolicy {
    for (int p = 0; p < probabilities.length; p++) {
      double s = Arrays.stream(probabilities[p]).sum();
      if (Math.abs(s - 1) > 1e-9) {
        throw new InvalidInputException("probabilities[" + p + "]", s, "expected a distribution summing to 1");
      }
    }
  }

  /** Every item with probability 1/items at every position. */
  public static ObdPolicy uniform(int items, int positions) {
    double[][] p = new double[positions][items];
    for (double[] row : p) {
      Arrays.fill(row, 1.0 / items);
    }
    return new ObdPolicy("random", p);
  }

  /** The per-position item distribution of the policy that logged {@code log}. */
  public static ObdPolicy fromLog(ObdLog log, BtsEstimate how) {
    double[][] p = new double[log.positions()][log.items()];
    double[][] count = new double[log.positions()][log.items()];
    for (int i = 0; i < log.size(); i++) {
      int pos = log.position()[i] - 1;
      p[pos][log.item()[i]] += how == BtsEstimate.FREQUENCY ? 1 : log.propensity()[i];
      count[pos][log.item()[i]]++;
    }
    for (int pos = 0; pos < p.length; pos++) {
      if (how == BtsEstimate.MEAN_PROPENSITY) {
        for (int a = 0; a < p[pos].length; a++) {
          p[pos][a] = count[pos][a] > 0 ? p[pos][a] / count[pos][a] : 0;
        }
      }
      double s = Arrays.stream(p[pos]).sum();
      if (s <= 0) {
        throw new InvalidInputException(log.file().toString(), "position", pos + 1, "expected at least one impression at every position");
      }
      for (int a = 0; a < p[pos].length; a++) {
        p[pos][a] /= s;
      }
    }
    return new ObdPolicy("bts", p);
  }

  /**
   * The rounds of {@code log} as {@link OpeData} for this target policy, with cross-fitted
   * per-(item, position) CTR predictions ({@link KeyedMeanRewardModel}) for DR.
   */
  public OpeData data(ObdLog log, int folds, long seed) {
    if (log.positions() > probabilities.length || log.items() != probabilities[0].length) {
      throw new InvalidInputException(log.file().toString(), "items", log.items(), "expected " + probabilities[0].length + " items and at most " + probabilities.length + " positions like the target policy");
    }
    int n = log.size();
    int positions = probabilities.length;
    double[][] target = new double[n][];
    int[] logged = new int[n];
    long[] loggedKey = new long[n];
    long[][] keys = new long[positions][log.items()];
    for (int pos = 0; pos < positions; pos++) {
      for (int a = 0; a < log.items(); a++) {
        keys[pos][a] = (long) a * positions + pos;
      }
    }
    long[][] candidateKeys = new long[n][];
    for (int i = 0; i < n; i++) {
      int pos = log.position()[i] - 1;
      target[i] = probabilities[pos];
      logged[i] = log.item()[i];
      loggedKey[i] = keys[pos][logged[i]];
      candidateKeys[i] = keys[pos];
    }
    OpeData data = new OpeData(log.click(), log.propensity(), logged, target, null);
    RewardModel model = new KeyedMeanRewardModel(loggedKey, candidateKeys, log.click(), KeyedMeanRewardModel.DEFAULT_PRIOR_STRENGTH);
    return data.withPredictions(RewardModel.crossFit(model, n, folds, seed));
  }
}
