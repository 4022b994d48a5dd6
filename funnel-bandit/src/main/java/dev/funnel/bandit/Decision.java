package dev.funnel.bandit;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;

/**
 * A choice made by a {@link Policy}: the action, its index in the offered list, the probability
 * with which the policy drew it ({@code propensity}, in (0, 1]), the policy's score of every
 * offered action (mean estimate, UCB or sampled value), the policy name, and the joint feature
 * vector of the chosen action at decision time (what the update learns from).
 */
public record Decision(Action action, int actionIndex, double propensity, double[] scores, String policy, double[] features) {
  public Decision {
    if (action == null) {
      throw new InvalidInputException("action", null, "expected an action");
    }
    Checks.atLeast("action_index", actionIndex, 0);
    if (!(propensity > 0 && propensity <= 1)) {
      throw new InvalidInputException("propensity", propensity, "expected a probability in (0, 1]");
    }
    Checks.nonBlank("policy", policy);
    scores = scores.clone();
    features = features.clone();
  }

  @Override
  public double[] scores() {
    return scores.clone();
  }

  @Override
  public double[] features() {
    return features.clone();
  }
}
