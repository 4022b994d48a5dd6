package dev.funnel.bandit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.Checks;
import java.util.SplittableRandom;

/**
 * Linear Thompson sampling (Agrawal and Goyal 2013, "Thompson sampling for contextual bandits
 * with linear payoffs", ICML): Bayesian linear regression with posterior
 * {@code N(θ, v²A⁻¹)} over the joint features; each sampled weight vector votes for its argmax
 * action.
 *
 * <p>Propensities: the policy draws {@code M = draws} weight vectors, forms the empirical
 * distribution of their argmax actions {@code P̂(a) = #{m: a = argmax_b w_mᵀx_b}/M}, mixes it
 * with ε uniform exploration and samples the decision from
 * {@code p(a) = ε/|A| + (1−ε)·P̂(a)}. The logged propensity {@code p(a)} is therefore exact
 * given the draws (the draws are independent of the reward, so inverse-propensity weights stay
 * unbiased), it sums to 1 over the actions, and its expectation over the draws is the ε-mixed
 * Thompson probability, whose Monte-Carlo error shrinks as {@code 1/sqrt(M)}. With M = 1 and
 * ε = 0 this is classical Thompson sampling (propensity 1, useless for off-policy evaluation).
 */
public final class LinearThompsonPolicy extends LinearPolicy {
  public static final String NAME = "linear-ts";
  private final double v;
  private final int draws;

  public LinearThompsonPolicy(Featurizer featurizer, double v, int draws, double epsilon, double ridgeLambda) {
    super(featurizer, epsilon, ridgeLambda);
    this.v = Checks.nonNegative("v", v);
    this.draws = Checks.atLeast("draws", draws, 1);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected Scored distribution(RidgeModel model, JointFeatures x, SplittableRandom rng) {
    int n = x.size();
    double[] votes = new double[n];
    double[] scores = null;
    for (int m = 0; m < draws; m++) {
      double[] w = model.sample(v, rng);
      double[] s = new double[n];
      int best = 0;
      for (int i = 0; i < n; i++) {
        // over the non-zero entries of the joint vector (JointFeatures), in ascending index order
        int[] idx = x.indices(i);
        double[] val = x.values(i);
        double dot = 0;
        for (int t = 0; t < idx.length; t++) {
          dot += w[idx[t]] * val[t];
        }
        s[i] = dot;
        if (s[i] > s[best]) {
          best = i;
        }
      }
      votes[best]++;
      if (scores == null) {
        scores = s;
      }
    }
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = epsilon / n + (1 - epsilon) * votes[i] / draws;
    }
    return new Scored(p, scores);
  }

  @Override
  protected void writeConfig(ObjectNode config) {
    config.put("v", v);
    config.put("draws", draws);
  }
}
