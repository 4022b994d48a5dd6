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
  /** Rewarded decisions before the bandit's own policy replaces the cold-start prior. */
  public static final int COLD_START_UPDATES = 200;

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
   * filters; otherwise it exploits {@code hybrid} (or {@code bm25} without vectors) and explores
   * over every action. Exploration rate: the policy's epsilon.
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
    List<Action> allowed = structured
        ? space.actions().stream().filter(a -> a.budgets().keySet().equals(Set.of("structured"))).toList()
        : space.actions();
    double eps = bandit.config().policy().epsilon();
    return new BanditService.Prior(best, allowed, COLD_START_UPDATES, eps > 0 ? eps : 0.05);
  }
}
