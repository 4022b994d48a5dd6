package dev.funnel.bandit.ope;

/**
 * An off-policy estimate of the target policy's expected reward from logged rounds. {@code
 * rows} selects (possibly repeated) rows, which is how the bootstrap resamples.
 */
public interface Estimator {
  String name();

  double estimate(OpeData data, int[] rows);

  /** Inverse propensity scoring: {@code (1/n) Σ w_i r_i}, {@code w_i = π(a_i|x_i)/μ(a_i|x_i)}. Unbiased, high variance. */
  Estimator IPS =
      new Estimator() {
        @Override
        public String name() {
          return "ips";
        }

        @Override
        public double estimate(OpeData d, int[] rows) {
          double s = 0;
          for (int i : rows) {
            s += d.weight(i) * d.reward(i);
          }
          return s / rows.length;
        }
      };

  /**
   * Self-normalised IPS (Swaminathan and Joachims 2015, "The self-normalized estimator for
   * counterfactual learning", NeurIPS): {@code Σ w_i r_i / Σ w_i}. Slightly biased,
   * much lower variance; NaN when every weight is 0.
   */
  Estimator SNIPS =
      new Estimator() {
        @Override
        public String name() {
          return "snips";
        }

        @Override
        public double estimate(OpeData d, int[] rows) {
          double s = 0;
          double w = 0;
          for (int i : rows) {
            double wi = d.weight(i);
            s += wi * d.reward(i);
            w += wi;
          }
          return w > 0 ? s / w : Double.NaN;
        }
      };

  /**
   * Doubly robust (Dudík, Langford, Li 2011, "Doubly robust policy evaluation and learning",
   * ICML): {@code (1/n) Σ [Σ_a π(a|x_i) q̂(x_i,a) + w_i (r_i − q̂(x_i,a_i))]}: the reward
   * model's value of the target policy, corrected by importance-weighted residuals. Unbiased
   * when either the propensities or the reward model are right.
   */
  Estimator DR =
      new Estimator() {
        @Override
        public String name() {
          return "dr";
        }

        @Override
        public double estimate(OpeData d, int[] rows) {
          double s = 0;
          for (int i : rows) {
            double[] pi = d.target(i);
            double[] q = d.predicted(i);
            double direct = 0;
            for (int a = 0; a < pi.length; a++) {
              direct += pi[a] * q[a];
            }
            s += direct + d.weight(i) * (d.reward(i) - q[d.logged(i)]);
          }
          return s / rows.length;
        }
      };

  /**
   * Self-normalised doubly robust (SNDR; as in Open Bandit Pipeline's {@code
   * SelfNormalizedDoublyRobust}, after Kallus and Uehara 2019): DR with the importance weights
   * divided by their mean, {@code (1/n) Σ [Σ_a π(a|x_i) q̂(x_i,a) + (w_i / w̄)(r_i − q̂(x_i,a_i))]}.
   * NaN (undefined) when every weight is 0.
   */
  Estimator SNDR =
      new Estimator() {
        @Override
        public String name() {
          return "sndr";
        }

        @Override
        public double estimate(OpeData d, int[] rows) {
          double wsum = 0;
          for (int i : rows) {
            wsum += d.weight(i);
          }
          if (!(wsum > 0)) {
            return Double.NaN;
          }
          double mean = wsum / rows.length;
          double s = 0;
          for (int i : rows) {
            s += direct(d, i) + d.weight(i) / mean * (d.reward(i) - d.predicted(i)[d.logged(i)]);
          }
          return s / rows.length;
        }
      };

  /**
   * Switch doubly robust (Wang, Agarwal, Dudík 2017, "Optimal and adaptive off-policy evaluation
   * in contextual bandits", ICML; the form of Open Bandit Pipeline's {@code SwitchDoublyRobust}):
   * the direct reward-model value plus the DR correction only for rounds whose importance weight
   * is at most {@code tau}, {@code (1/n) Σ [Σ_a π q̂ + 1{w_i ≤ τ} w_i (r_i − q̂(x_i,a_i))]}. τ = ∞ is
   * DR, τ = 0 the direct method.
   */
  static Estimator switchDr(double tau) {
    if (!(tau >= 0)) {
      throw new dev.funnel.core.InvalidInputException("switch-tau", tau, "expected a weight threshold >= 0");
    }
    return new Estimator() {
      @Override
      public String name() {
        return "switch_dr";
      }

      @Override
      public double estimate(OpeData d, int[] rows) {
        double s = 0;
        for (int i : rows) {
          double w = d.weight(i);
          s += direct(d, i) + (w <= tau ? w * (d.reward(i) - d.predicted(i)[d.logged(i)]) : 0);
        }
        return s / rows.length;
      }
    };
  }

  /** The reward model's value of the target policy in row {@code i}: {@code Σ_a π(a|x_i) q̂(x_i,a)}. */
  static double direct(OpeData d, int i) {
    double[] pi = d.target(i);
    double[] q = d.predicted(i);
    double s = 0;
    for (int a = 0; a < pi.length; a++) {
      s += pi[a] * q[a];
    }
    return s;
  }
}
