package dev.funnel.bandit;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One arm of the bandit: the retrieval strategies to run and how many candidates each may
 * return, e.g. {@code {bm25: 100, dense: 50}}. Strategies are kept sorted by name, so equal
 * actions have equal {@link #id()}s.
 */
public record Action(Map<String, Integer> budgets) {
  public Action {
    if (budgets == null || budgets.isEmpty()) {
      throw new InvalidInputException("action", budgets, "expected at least one strategy with a budget");
    }
    TreeMap<String, Integer> sorted = new TreeMap<>();
    budgets.forEach(
        (strategy, budget) -> {
          Checks.nonBlank("action.strategy", strategy);
          if (budget == null || budget < 1) {
            throw new InvalidInputException("action." + strategy, budget, "expected a candidate budget >= 1");
          }
          sorted.put(strategy, budget);
        });
    budgets = java.util.Collections.unmodifiableMap(sorted);
  }

  /** The candidate budget of {@code strategy}, 0 when the action does not run it. */
  public int budget(String strategy) {
    return budgets.getOrDefault(strategy, 0);
  }

  /** Candidates requested over all strategies: the cost of the action. */
  public int totalCandidates() {
    int total = 0;
    for (int b : budgets.values()) {
      total += b;
    }
    return total;
  }

  /** A stable text key such as {@code bm25:100+dense:50}. */
  public String id() {
    StringJoiner j = new StringJoiner("+");
    budgets.forEach((s, b) -> j.add(s + ":" + b));
    return j.toString();
  }

  /** Parses an {@link #id()} back into an action. */
  public static Action parse(String id) {
    Checks.nonBlank("action", id);
    TreeMap<String, Integer> budgets = new TreeMap<>();
    for (String part : id.split("\\+")) {
      int colon = part.lastIndexOf(':');
      if (colon <= 0 || colon == part.length() - 1) {
        throw new InvalidInputException("action", id, "expected strategy:budget pairs joined by '+', e.g. bm25:100+dense:50");
      }
      try {
        budgets.put(part.substring(0, colon), Integer.parseInt(part.substring(colon + 1)));
      } catch (NumberFormatException e) {
        throw new InvalidInputException("action", id, "expected an integer budget after ':'");
      }
    }
    return new Action(budgets);
  }

  @Override
  public String toString() {
    return id();
  }
}
