package dev.funnel.serving.chain;

import dev.funnel.bandit.Action;
import dev.funnel.bandit.BanditContext;
import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.ServedDecision;
import dev.funnel.core.InvalidInputException;
import dev.funnel.query.Interpretation;
import dev.funnel.serving.StrategyDecision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decide: which strategies run with which candidate budgets. A request naming {@code strategies}
 * gets exactly those, each with max(offset + k, {@value #FORCED_BUDGET}) candidates, as a fixed
 * decision (policy {@code fixed}, propensity 1, not learned from); a caller inside the process may
 * force an action; otherwise the bandit decides, with the cold-start {@link #prior} until it has
 * learned from {@value #COLD_START_UPDATES} rewards, and its decision awaits the reward.
 */
public final class DecideStage implements Stage {
  /** Candidates per strategy of a request that names its strategies. */
  public static final int FORCED_BUDGET = 100;
  /** Rewarded decisions before the bandit's own policy starts to take over from the cold-start prior. */
  public static final int COLD_START_UPDATES = 200;
  /**
   * Rewards per action of the space over which the policy's share rises from 0 to 1 after the
   * cold start ({@link BanditService.Prior#handOverUpdates}): 20 per action (720 for the default
   * 36 actions), so the confidence widths of LinUCB and Thompson sampling, which shrink as
   * 1/sqrt(rewards), have fallen to about a fifth (1/sqrt(20)) of an untried action's on average
   * before the policy serves alone, instead of the policy exploring every action the prior rarely
   * served at once.
   */
  public static final int HAND_OVER_REWARDS_PER_ACTION = 20;

  private final BanditService bandit;
  private final Set<String> strategies;

  /** @param strategies every strategy a request may name */
  public DecideStage(BanditService bandit, Set<String> strategies) {
    this.bandit = bandit;
    this.strategies = Set.copyOf(strategies);
  }

  @Override
  public String name() {
    return "decide";
  }

  @Override
  public void apply(Exchange x, Chain next) {
    Action forced = x.forced() != null ? x.forced() : named(x.request().strategies(), x.request().depth());
    if (forced != null) {
      for (String s : forced.budgets().keySet()) {
        if (!strategies.contains(s)) {
          throw new InvalidInputException("strategies", s, "unknown strategy, expected one of " + new TreeSet<>(strategies));
        }
      }
      x.decision(StrategyDecision.fixed(forced), null);
    } else {
      Interpretation in = x.interpretation();
      ServedDecision d = bandit.decide(x.requestId(), BanditContext.of(x.query(), in.type().name().toLowerCase(Locale.ROOT)), prior(in));
      x.decision(new StrategyDecision(d.policy(), d.action(), d.propensity(), true), d);
    }
    next.proceed(x);
  }

  /** The fixed action of a request naming its strategies, or null when it names none. */
  static Action named(List<String> names, int depth) {
    if (names.isEmpty()) {
      return null;
    }
    Map<String, Integer> budgets = new LinkedHashMap<>();
    for (String n : names) {
      budgets.put(n, Math.max(depth, FORCED_BUDGET));
    }
    return new Action(budgets);
  }

  /**
   * The cold-start prior for a request ({@link BanditService.Prior}), or null when the action
   * space lacks its strategies. When query understanding found filters (a confident structured
   * reading, e.g. a brand), the prior exploits {@code structured} at the largest budget and
   * explores only among {@code structured}-only actions, the strategies that apply those
   * filters; otherwise it exploits {@code hybrid} (or {@code bm25} without vectors) at the
   * largest budget, joined by {@code memory} at the largest budget that fits when the space has
   * it, and explores over every action. Memory retrieves only the items users engaged with for
   * the query: without feedback it adds nothing, and with feedback it serves the clicked items
   * back, the one strategy whose answers improve from the first clicks. Exploration rate: the
   * policy's epsilon; hand-over over {@value #HAND_OVER_REWARDS_PER_ACTION} rewards per action.
   */
  BanditService.Prior prior(Interpretation in) {
    var space = bandit.actionSpace();
    List<String> names = space.strategies();
    boolean structured = !in.filters().isEmpty() && names.contains("structured");
    String preferred = structured ? "structured" : names.contains("hybrid") ? "hybrid" : names.contains("bm25") ? "bm25" : null;
    if (preferred == null) {
      return null;
    }
    Action best = new Action(Map.of(preferred, space.maxBudget()));
    if (space.indexOf(best) < 0) {
      return null;
    }
    if (!structured && names.contains("memory")) {
      for (int b : space.budgets()) {
        Action withMemory = new Action(Map.of(preferred, space.maxBudget(), "memory", b));
        if (space.indexOf(withMemory) >= 0 && withMemory.budget("memory") >= best.budget("memory")) {
          best = withMemory;
        }
      }
    }
    List<Action> allowed = structured
        ? space.actions().stream().filter(a -> a.budgets().keySet().equals(Set.of("structured"))).toList()
        : space.actions();
    double eps = bandit.config().policy().epsilon();
    return new BanditService.Prior(best, allowed, COLD_START_UPDATES, eps > 0 ? eps : 0.05, (long) HAND_OVER_REWARDS_PER_ACTION * space.size());
  }
}
