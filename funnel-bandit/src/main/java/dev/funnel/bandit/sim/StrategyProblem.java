package dev.funnel.bandit.sim;

import dev.funnel.bandit.Action;
import dev.funnel.bandit.ActionSpace;
import dev.funnel.bandit.BanditContext;
import dev.funnel.bandit.RewardAttribution;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic search problem where the best retrieval strategy depends on the query
 * type: {@code bm25} finds what {@code keyword} queries want, {@code dense} what {@code
 * semantic} queries want, {@code memory} what {@code navigational} queries want. Strategy
 * {@code s} with budget {@code b} finds the wanted item with probability
 * {@code q[s][type]·(1 − exp(−b/40))} (more candidates, diminishing returns), independently of
 * the other strategies; the search succeeds (reward 1) when at least one strategy found it, so
 * the expected reward of an action is {@code 1 − Π_s (1 − q[s][type]·(1 − e^{−b_s/40}))}.
 * Query types are uniform; query lengths and times are drawn per type (keyword 1-3 tokens,
 * semantic 4-10, navigational 1-2). Policies learn the cost-penalised reward
 * {@code reward − λ·total/maxTotal}; regret is measured on its expectation.
 */
public final class StrategyProblem {
  public static final List<String> STRATEGIES = List.of("bm25", "dense", "memory");
  public static final List<String> TYPES = List.of("keyword", "semantic", "navigational");
  /** Budget at which a strategy reaches 1 − 1/e of its quality. */
  private static final double SCALE = 40;
  private static final double[][] QUALITY = { // [type][strategy]
    {0.80, 0.45, 0.30},
    {0.35, 0.80, 0.25},
    {0.40, 0.30, 0.85},
  };

  private final ActionSpace space;
  private final double costPenalty;

  public StrategyProblem(ActionSpace space, double costPenalty) {
    this.space = space;
    this.costPenalty = costPenalty;
  }

  /** The action space used in tests and {@code ./funnel eval bandit-sim}: 36 actions. */
  public static ActionSpace defaultSpace() {
    return new ActionSpace(STRATEGIES, List.of(20, 50, 100), 200, 2);
  }

  public ActionSpace space() {
    return space;
  }

  public double costPenalty() {
    return costPenalty;
  }

  /** One request: its context and the index of its query type. */
  public record Request(BanditContext context, int type) {}

  public Request nextRequest(SplittableRandom rng) {
    int type = rng.nextInt(TYPES.size());
    int length =
        switch (type) {
          case 0 -> 1 + rng.nextInt(3);
          case 1 -> 4 + rng.nextInt(7);
          default -> 1 + rng.nextInt(2);
        };
    Instant time = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(rng.nextLong(30L * 86400));
    return new Request(new BanditContext(length, TYPES.get(type), time, null), type);
  }

  /** Probability that strategy {@code s} with budget {@code b} finds the wanted item. */
  public double findProbability(int type, String strategy, int budget) {
    int s = STRATEGIES.indexOf(strategy);
    return s < 0 || budget <= 0 ? 0 : QUALITY[type][s] * (1 - Math.exp(-budget / SCALE));
  }

  /** Expected (unpenalised) reward of {@code a} for query type {@code type}. */
  public double expectedReward(int type, Action a) {
    double miss = 1;
    for (var e : a.budgets().entrySet()) {
      miss *= 1 - findProbability(type, e.getKey(), e.getValue());
    }
    return 1 - miss;
  }

  /** Expected cost-penalised reward: what regret is measured on. */
  public double expectedPenalised(int type, Action a) {
    return RewardAttribution.penalised(expectedReward(type, a), a, space.maxTotal(), costPenalty);
  }

  /** Best expected penalised reward for a query type. */
  public double optimum(int type) {
    double best = Double.NEGATIVE_INFINITY;
    for (Action a : space.actions()) {
      best = Math.max(best, expectedPenalised(type, a));
    }
    return best;
  }

  /** Plays {@code a}: which strategies found the wanted item (empty list = no reward). */
  public List<String> play(int type, Action a, SplittableRandom rng) {
    return a.budgets().entrySet().stream().filter(e -> rng.nextDouble() < findProbability(type, e.getKey(), e.getValue())).map(java.util.Map.Entry::getKey).toList();
  }
}
