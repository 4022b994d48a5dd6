package dev.funnel.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that defines a {@link BanditService}: the action space (strategies, budgets,
 * limits), the known intents and segments of the context features, the policy, the cost
 * penalty λ (the policy learns {@code reward − λ·total candidates/maxTotal}), the half-life of
 * the strategy statistics (in decisions using the strategy) and the seed.
 */
public record BanditConfig(
    List<String> strategies,
    List<Integer> budgets,
    int maxTotal,
    int maxStrategies,
    List<String> intents,
    List<String> segments,
    PolicyConfig policy,
    double costPenalty,
    double statsHalfLife,
    long seed) {

  /** Half-life of strategy statistics: 1,000 uses, a few hours of traffic on a small shop. */
  public static final double DEFAULT_HALF_LIFE = 1000;

  public BanditConfig {
    strategies = List.copyOf(strategies);
    budgets = List.copyOf(budgets);
    intents = List.copyOf(intents);
    segments = List.copyOf(segments);
    if (policy == null) {
      throw new InvalidInputException("policy", null, "expected a policy configuration");
    }
    Checks.nonNegative("cost_penalty", costPenalty);
    Checks.positive("stats_half_life", statsHalfLife);
  }

  public ActionSpace actionSpace() {
    return new ActionSpace(strategies, budgets, maxTotal, maxStrategies);
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    strategies.forEach(n.putArray("strategies")::add);
    budgets.forEach(n.putArray("budgets")::add);
    n.put("max_total", maxTotal);
    n.put("max_strategies", maxStrategies);
    intents.forEach(n.putArray("intents")::add);
    segments.forEach(n.putArray("segments")::add);
    ObjectNode p = n.putObject("policy");
    p.put("name", policy.name());
    p.put("epsilon", policy.epsilon());
    p.put("alpha", policy.alpha());
    p.put("v", policy.v());
    p.put("draws", policy.draws());
    p.put("ridge_lambda", policy.ridgeLambda());
    n.put("cost_penalty", costPenalty);
    n.put("stats_half_life", statsHalfLife);
    n.put("seed", seed);
    return n;
  }

  public static BanditConfig fromJson(JsonNode n) {
    for (String f : List.of("strategies", "budgets", "max_total", "max_strategies", "policy")) {
      if (n == null || !n.has(f)) {
        throw new InvalidInputException("config." + f, null, "expected a value in the bandit configuration");
      }
    }
    JsonNode p = n.get("policy");
    PolicyConfig d = PolicyConfig.defaults(p.path("name").asText(""));
    PolicyConfig policy =
        new PolicyConfig(
            d.name(),
            p.path("epsilon").asDouble(d.epsilon()),
            p.path("alpha").asDouble(d.alpha()),
            p.path("v").asDouble(d.v()),
            p.path("draws").asInt(d.draws()),
            p.path("ridge_lambda").asDouble(d.ridgeLambda()));
    return new BanditConfig(
        strings(n.get("strategies")),
        ints(n.get("budgets")),
        n.get("max_total").asInt(),
        n.get("max_strategies").asInt(),
        strings(n.path("intents")),
        strings(n.path("segments")),
        policy,
        n.path("cost_penalty").asDouble(0),
        n.path("stats_half_life").asDouble(DEFAULT_HALF_LIFE),
        n.path("seed").asLong(0));
  }

  private static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static List<Integer> ints(JsonNode a) {
    List<Integer> out = new ArrayList<>();
    a.forEach(x -> out.add(x.asInt()));
    return out;
  }
}
