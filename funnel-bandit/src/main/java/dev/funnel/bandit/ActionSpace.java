package dev.funnel.bandit;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every action the bandit may take: each non-empty subset of {@code strategies} (at most
 * {@code maxStrategies} of them) with a budget from {@code budgets} for each, whose total is at
 * most {@code maxTotal}. Enumeration is deterministic: strategies in the given order, budgets
 * ascending, subsets in lexicographic order of the per-strategy budget vector (0 = not run), so
 * an action index means the same action on every machine and after a restart.
 */
public final class ActionSpace {
  private final List<String> strategies;
  private final List<Integer> budgets;
  private final int maxTotal;
  private final int maxStrategies;
  private final List<Action> actions;
  private final Map<String, Integer> index;

  public ActionSpace(List<String> strategies, List<Integer> budgets, int maxTotal, int maxStrategies) {
    if (strategies == null || budgets == null) {
      throw new InvalidInputException("strategies", strategies, "expected strategy names and budgets");
    }
    strategies = List.copyOf(strategies);
    if (strategies.isEmpty()) {
      throw new InvalidInputException("strategies", strategies, "expected at least one strategy name");
    }
    if (new TreeSet<>(strategies).size() != strategies.size()) {
      throw new InvalidInputException("strategies", strategies, "expected distinct strategy names");
    }
    strategies.forEach(s -> Checks.nonBlank("strategies", s));
    TreeSet<Integer> sorted = new TreeSet<>();
    for (Integer b : budgets) {
      if (b == null || b < 0) {
        throw new InvalidInputException("budgets", budgets, "expected budgets >= 0 (0 means the strategy is not run)");
      }
      if (b > 0) {
        sorted.add(b);
      }
    }
    if (sorted.isEmpty()) {
      throw new InvalidInputException("budgets", budgets, "expected at least one budget > 0");
    }
    budgets = List.copyOf(sorted);
    Checks.atLeast("max_total", maxTotal, budgets.get(0));
    Checks.atLeast("max_strategies", maxStrategies, 1);
    this.strategies = strategies;
    this.budgets = budgets;
    this.maxTotal = maxTotal;
    this.maxStrategies = maxStrategies;
    this.actions = enumerate(strategies, budgets, maxTotal, maxStrategies);
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < actions.size(); i++) {
      m.put(actions.get(i).id(), i);
    }
    this.index = Map.copyOf(m);
  }

  /** Strategy names in the order given (the order of the strategy features). */
  public List<String> strategies() {
    return strategies;
  }

  /** Allowed budgets > 0, ascending. */
  public List<Integer> budgets() {
    return budgets;
  }

  public int maxTotal() {
    return maxTotal;
  }

  public int maxStrategies() {
    return maxStrategies;
  }

  /** All actions in enumeration order. */
  public List<Action> actions() {
    return actions;
  }

  public int size() {
    return actions.size();
  }

  public Action get(int index) {
    return actions.get(index);
  }

  /** The index of {@code action}, or -1 when it is not in the space. */
  public int indexOf(Action action) {
    Integer i = index.get(action.id());
    return i == null ? -1 : i;
  }

  /** Largest single budget: the scale of the log-budget features. */
  public int maxBudget() {
    return budgets.get(budgets.size() - 1);
  }

  private static List<Action> enumerate(List<String> strategies, List<Integer> budgets, int maxTotal, int maxStrategies) {
    List<Action> out = new ArrayList<>();
    int[] choice = new int[strategies.size()]; // 0 = off, k = budgets[k-1]
    int radix = budgets.size() + 1;
    long combos = (long) Math.pow(radix, strategies.size());
    if (combos > 10_000_000L) {
      throw new InvalidInputException("strategies", strategies, "expected fewer strategies/budgets (more than 10^7 combinations)");
    }
    for (long code = 1; code < combos; code++) {
      long c = code;
      for (int s = strategies.size() - 1; s >= 0; s--) {
        choice[s] = (int) (c % radix);
        c /= radix;
      }
      int used = 0;
      int total = 0;
      TreeMap<String, Integer> action = new TreeMap<>();
      for (int s = 0; s < strategies.size(); s++) {
        if (choice[s] > 0) {
          used++;
          total += budgets.get(choice[s] - 1);
          action.put(strategies.get(s), budgets.get(choice[s] - 1));
        }
      }
      if (used <= maxStrategies && total <= maxTotal) {
        out.add(new Action(action));
      }
    }
    if (out.isEmpty()) {
      throw new InvalidInputException("max_total", maxTotal, "expected limits that allow at least one action");
    }
    return Collections.unmodifiableList(out);
  }
}
