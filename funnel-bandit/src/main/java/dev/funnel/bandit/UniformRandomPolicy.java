package dev.funnel.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.InvalidInputException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Every action with probability {@code 1/|A|}; learns nothing. The exploration baseline and
 * the logging policy that makes off-policy evaluation easiest.
 */
public final class UniformRandomPolicy implements Policy {
  public static final String NAME = "random";
  private final Featurizer featurizer;

  public UniformRandomPolicy(Featurizer featurizer) {
    this.featurizer = featurizer;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Decision choose(BanditContext context, List<Action> actions, SplittableRandom rng) {
    LinearPolicy.requireActions(actions);
    int i = rng.nextInt(actions.size());
    double[] scores = new double[actions.size()];
    return new Decision(actions.get(i), i, 1.0 / actions.size(), scores, NAME, featurizer.joint(context, actions.get(i)));
  }

  @Override
  public double[] probabilities(BanditContext context, List<Action> actions, SplittableRandom rng) {
    LinearPolicy.requireActions(actions);
    double[] p = new double[actions.size()];
    java.util.Arrays.fill(p, 1.0 / actions.size());
    return p;
  }

  @Override
  public void update(Decision decision, double reward) {}

  @Override
  public ObjectNode snapshot() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("policy", NAME);
    n.putObject("config");
    return n;
  }

  @Override
  public void restore(JsonNode snapshot) {
    if (snapshot == null || !NAME.equals(snapshot.path("policy").asText())) {
      throw new InvalidInputException("policy", snapshot == null ? null : snapshot.path("policy").asText(), "expected a snapshot of policy " + NAME);
    }
  }
}
