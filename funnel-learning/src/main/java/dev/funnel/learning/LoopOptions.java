package dev.funnel.learning;

import dev.funnel.serving.FunnelConfig;

import dev.funnel.bandit.BanditConfig;
import dev.funnel.bandit.PolicyConfig;
import dev.funnel.core.Checks;
import java.util.List;

/**
 * How a {@link FunnelLoop} is assembled (by the loop's assembly in module funnel-assembly): the strategies the bandit chooses from with their
 * budgets and limits, the policy, the cost penalty, whether items get predicted queries, and the
 * loop settings.
 *
 * @param strategies strategies of the bandit's action space (must exist in the assembled funnel)
 * @param budgets candidate budgets per strategy
 * @param maxTotal largest total of budgets in one action
 * @param maxStrategies most strategies in one action
 * @param policy bandit policy and its settings (exploration rate, alpha, ...)
 * @param segments user segments known to the bandit's context (empty: the segment is not a feature)
 * @param costPenalty λ of the bandit's cost-penalised reward
 * @param predictedQueries give every catalog item predicted queries for the memory strategy
 * @param funnel serving-loop settings
 * @param bounds size bounds of the memory index and query understanding
 */
public record LoopOptions(
    List<String> strategies,
    List<Integer> budgets,
    int maxTotal,
    int maxStrategies,
    PolicyConfig policy,
    List<String> segments,
    double costPenalty,
    boolean predictedQueries,
    FunnelConfig funnel,
    StateBounds bounds) {

  public LoopOptions {
    strategies = List.copyOf(strategies);
    budgets = List.copyOf(budgets);
    Checks.atLeast("max_total", maxTotal, 1);
    Checks.atLeast("max_strategies", maxStrategies, 1);
    Checks.nonNegative("cost_penalty", costPenalty);
    if (policy == null) {
      throw new dev.funnel.core.InvalidInputException("policy", null, "expected a bandit policy");
    }
    segments = List.copyOf(segments);
    bounds = bounds == null ? StateBounds.DEFAULT : bounds;
  }

  /** The options of an earlier version, with the default state bounds. */
  public LoopOptions(List<String> strategies, List<Integer> budgets, int maxTotal, int maxStrategies, PolicyConfig policy, List<String> segments,
      double costPenalty, boolean predictedQueries, FunnelConfig funnel) {
    this(strategies, budgets, maxTotal, maxStrategies, policy, segments, costPenalty, predictedQueries, funnel, StateBounds.DEFAULT);
  }

  /**
   * Defaults: budgets 10/30/100 (a page, three pages, the usual re-ranking depth), at most two
   * strategies and 130 candidates per request (one deep strategy plus a shallow one; in the
   * SciFact simulation of docs/loop.md the bandits reach the four-strategy union's reward with
   * about 35 candidates), LinUCB, cost penalty 0.1 (one full-cost action must gain 10 points of
   * engagement probability to beat a free one).
   */
  public static LoopOptions defaults(List<String> strategies, long seed) {
    return new LoopOptions(strategies, List.of(10, 30, 100), 130, 2, PolicyConfig.defaults("linucb"), List.of(), 0.1, true,
        FunnelConfig.defaults(seed));
  }

  /** These options for a bandit choosing among {@code s}. */
  public LoopOptions withStrategies(List<String> s) {
    return new LoopOptions(s, budgets, maxTotal, maxStrategies, policy, segments, costPenalty, predictedQueries, funnel, bounds);
  }

  /** The named policy with its default settings. */
  public LoopOptions withPolicy(String name) {
    return withPolicy(PolicyConfig.defaults(name));
  }

  public LoopOptions withPolicy(PolicyConfig p) {
    return new LoopOptions(strategies, budgets, maxTotal, maxStrategies, p, segments, costPenalty, predictedQueries, funnel, bounds);
  }

  public LoopOptions withSegments(List<String> s) {
    return new LoopOptions(strategies, budgets, maxTotal, maxStrategies, policy, s, costPenalty, predictedQueries, funnel, bounds);
  }

  public LoopOptions withCostPenalty(double lambda) {
    return new LoopOptions(strategies, budgets, maxTotal, maxStrategies, policy, segments, lambda, predictedQueries, funnel, bounds);
  }

  public LoopOptions withBudgets(List<Integer> b, int total, int most) {
    return new LoopOptions(strategies, b, total, most, policy, segments, costPenalty, predictedQueries, funnel, bounds);
  }

  public LoopOptions withFunnel(FunnelConfig f) {
    return new LoopOptions(strategies, budgets, maxTotal, maxStrategies, policy, segments, costPenalty, predictedQueries, f, bounds);
  }

  public LoopOptions withPredictedQueries(boolean on) {
    return new LoopOptions(strategies, budgets, maxTotal, maxStrategies, policy, segments, costPenalty, on, funnel, bounds);
  }

  public LoopOptions withBounds(StateBounds b) {
    return new LoopOptions(strategies, budgets, maxTotal, maxStrategies, policy, segments, costPenalty, predictedQueries, funnel, b);
  }

  /** The bandit configuration: QU query types are the known intents; the configured segments. */
  public BanditConfig bandit() {
    List<String> intents = java.util.Arrays.stream(dev.funnel.query.Interpretation.QueryType.values())
        .map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).toList();
    return new BanditConfig(strategies, budgets, maxTotal, maxStrategies, intents, segments, policy, costPenalty,
        BanditConfig.DEFAULT_HALF_LIFE, funnel.seed());
  }
}
