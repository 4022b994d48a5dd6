package dev.funnel.bandit;

import java.util.Map;

/**
 * What {@link BanditService#decide} returns to the search funnel: the request id, the chosen
 * action, the candidate budget per strategy to run (strategies absent are not run), the
 * propensity to log with the response, and the policy that chose.
 */
public record ServedDecision(String requestId, Action action, Map<String, Integer> budgets, double propensity, String policy) {
  public ServedDecision {
    budgets = Map.copyOf(budgets);
  }
}
