package dev.funnel.serving;

import dev.funnel.bandit.Action;
import dev.funnel.core.Checks;

/**
 * Which strategies ran with which budgets, who chose them ({@code policy}: a bandit policy name,
 * or {@code fixed} when the request named its action) and the probability with which the chosen
 * action was drawn (1 for a fixed action). {@code learned} tells whether the bandit awaits the
 * request's reward.
 */
public record StrategyDecision(String policy, Action action, double propensity, boolean learned) {
  public StrategyDecision {
    Checks.nonBlank("policy", policy);
    Checks.inRange("propensity", propensity, 0, 1);
    if (action == null) {
      throw new dev.funnel.core.InvalidInputException("action", null, "expected an action");
    }
  }

  public static StrategyDecision fixed(Action action) {
    return new StrategyDecision("fixed", action, 1, false);
  }
}
