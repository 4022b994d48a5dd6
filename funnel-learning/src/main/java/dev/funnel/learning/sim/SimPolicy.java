package dev.funnel.learning.sim;

import dev.funnel.bandit.PolicyConfig;
import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who chooses the strategies in a simulated run: {@code fixed:S} (strategy S alone at the largest
 * budget, ranked by its own order, the ranker never retrained: the static baseline), {@code union}
 * (every strategy at the largest budget, learned ranker), a bandit policy name ({@code
 * epsilon-greedy}, {@code linucb}, {@code thompson}, ...: the learned loop), or {@code oracle}
 * (per search, the single strategy whose own top 10 has the best nDCG@10 against the qrels, at
 * the largest budget, learned ranker). {@code strategy} is the fixed strategy, or for a bandit the
 * bandit's policy name ({@code thompson} is {@code linear-ts}).
 */
public record SimPolicy(String name, Kind kind, String strategy) {
  /** The name under which linear Thompson sampling is reported (issue 3 calls it thompson). */
  public static final String THOMPSON = "thompson";

  public enum Kind {
    FIXED,
    UNION,
    BANDIT,
    ORACLE
  }

  public static SimPolicy parse(String name, List<String> strategies) {
    if (name.startsWith("fixed:")) {
      String s = name.substring("fixed:".length());
      if (!strategies.contains(s)) {
        throw new InvalidInputException("policies", name, "expected fixed:<one of " + strategies + ">");
      }
      return new SimPolicy(name, Kind.FIXED, s);
    }
    if (name.equals("union")) {
      return new SimPolicy(name, Kind.UNION, null);
    }
    if (name.equals("oracle")) {
      return new SimPolicy(name, Kind.ORACLE, null);
    }
    if (name.equals(THOMPSON)) {
      return new SimPolicy(name, Kind.BANDIT, dev.funnel.bandit.LinearThompsonPolicy.NAME);
    }
    if (PolicyConfig.NAMES.contains(name)) {
      return new SimPolicy(name, Kind.BANDIT, name);
    }
    throw new InvalidInputException("policies", name, "expected fixed:STRATEGY, union, oracle or a bandit policy " + PolicyConfig.NAMES);
  }

  /** Every fixed strategy, the union, the three bandit policies of issue 3 and the oracle. */
  public static List<String> defaults(List<String> strategies) {
    List<String> out = new ArrayList<>();
    strategies.forEach(s -> out.add("fixed:" + s));
    out.addAll(List.of("union", "epsilon-greedy", "linucb", THOMPSON, "oracle"));
    return out;
  }

  /** Whether the ranker learns (LambdaMART retraining) in this run. */
  public boolean learnsRanker() {
    return kind != Kind.FIXED;
  }
}
