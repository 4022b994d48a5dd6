package dev.funnel.bandit;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.Map;

/**
 * What {@link BanditService#decide} returns to the search funnel: the request id, the policy's
 * {@link Decision} (the chosen action, its propensity, the policy that chose and the features its
 * update learns from) and the context it was made in. The caller keeps it until the reward is
 * known and passes it to {@link BanditService#feedback}.
 */
public record ServedDecision(String requestId, Decision decision, BanditContext context) {
  public ServedDecision {
    Checks.nonBlank("request_id", requestId);
    if (decision == null || context == null) {
      throw new InvalidInputException("decision", null, "expected a decision and its context");
    }
  }

  public Action action() {
    return decision.action();
  }

  /** The candidate budget per strategy to run (strategies absent are not run). */
  public Map<String, Integer> budgets() {
    return decision.action().budgets();
  }

  public double propensity() {
    return decision.propensity();
  }

  public String policy() {
    return decision.policy();
  }
}
