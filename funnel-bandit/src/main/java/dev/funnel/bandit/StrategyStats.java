package dev.funnel.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * Each strategy's historical performance: the exponentially decayed mean of its share of the
 * decision reward, over the decisions that ran it. A decision whose reward is 0 counts as share
 * 0 for every strategy it ran, so the statistic is "how much of the reward this strategy brings
 * when it runs". Decay is per decision that runs the strategy, with half-life {@code halfLife}:
 * after {@code halfLife} more uses an observation weighs half as much. Strategies never used
 * have performance 0. Thread-safe: reads see a consistent copy, updates are serialised.
 */
public final class StrategyStats {
  private final List<String> strategies;
  private final double halfLife;
  private final double keep;
  private final double[] weightedShare;
  private final double[] weight;
  private volatile double[] means;

  public StrategyStats(List<String> strategies, double halfLife) {
    this.strategies = List.copyOf(strategies);
    this.halfLife = Checks.positive("stats_half_life", halfLife);
    this.keep = Math.pow(0.5, 1.0 / halfLife);
    this.weightedShare = new double[strategies.size()];
    this.weight = new double[strategies.size()];
    this.means = new double[strategies.size()];
  }

  public List<String> strategies() {
    return strategies;
  }

  public double halfLife() {
    return halfLife;
  }

  /** Decayed mean reward share of every strategy, in {@link #strategies()} order (a copy). */
  public double[] means() {
    return means.clone();
  }

  /** The decayed mean reward share of one strategy (0 when unknown or never used). */
  public double mean(String strategy) {
    int i = strategies.indexOf(strategy);
    return i < 0 ? 0 : means[i];
  }

  /** Records one decision: the strategies it ran and their credit shares (summing to 1, or all 0). */
  public synchronized void record(Action action, Map<String, Double> shares) {
    double[] next = means.clone();
    for (String s : action.budgets().keySet()) {
      int i = strategies.indexOf(s);
      if (i < 0) {
        continue;
      }
      double share = shares.getOrDefault(s, 0.0);
      Checks.inRange("share." + s, share, 0, 1);
      weightedShare[i] = keep * weightedShare[i] + share;
      weight[i] = keep * weight[i] + 1;
      next[i] = weightedShare[i] / weight[i];
    }
    means = next;
  }

  public synchronized ObjectNode snapshot() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("half_life", halfLife);
    ObjectNode per = n.putObject("strategies");
    for (int i = 0; i < strategies.size(); i++) {
      ObjectNode s = per.putObject(strategies.get(i));
      s.put("weighted_share", weightedShare[i]);
      s.put("weight", weight[i]);
    }
    return n;
  }

  /** Rebuilds statistics from {@link #snapshot()}; strategies missing in the snapshot start at 0. */
  public static StrategyStats restore(List<String> strategies, JsonNode node) {
    if (node == null || !node.has("half_life")) {
      throw new InvalidInputException("stats", node, "expected an object with half_life and strategies");
    }
    StrategyStats st = new StrategyStats(strategies, node.get("half_life").asDouble());
    JsonNode per = node.path("strategies");
    double[] m = new double[strategies.size()];
    for (int i = 0; i < strategies.size(); i++) {
      JsonNode s = per.path(strategies.get(i));
      st.weightedShare[i] = s.path("weighted_share").asDouble(0);
      st.weight[i] = s.path("weight").asDouble(0);
      m[i] = st.weight[i] > 0 ? st.weightedShare[i] / st.weight[i] : 0;
    }
    st.means = m;
    return st;
  }
}
