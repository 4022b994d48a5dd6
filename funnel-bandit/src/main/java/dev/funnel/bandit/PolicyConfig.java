package dev.funnel.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.List;

/**
 * Which policy and its settings. Defaults ({@link #defaults}):
 * <ul>
 *   <li>ε = 0.1 for ε-greedy (the customary value in Sutton and Barto, Reinforcement Learning,
 *       2nd ed., §2.3); ε = 0.05 mixing for LinUCB and linear TS, enough to keep every
 *       propensity ≥ 0.05/|A| (bounded importance weights) while costing at most 5% of greedy
 *       reward;
 *   <li>α = 1 for LinUCB (shared and disjoint) (Li et al. 2010 tune α in [0, 1.5]; rewards here are in [0, 1]);
 *   <li>v = 0.25 for linear TS: the posterior scale; Agrawal and Goyal's theoretical
 *       {@code v = R·sqrt(24 d ln(1/δ)/ε)} over-explores by orders of magnitude in practice, and
 *       0.25 is the standard deviation bound of a Bernoulli reward;
 *   <li>M = 32 posterior draws per decision for linear TS propensities (Monte-Carlo error of a
 *       probability ≤ 0.5/sqrt(32) ≈ 0.09 per action, at 32 × O(d²) work);
 *   <li>ridge λ = 1 (the identity prior of LinUCB and of Agrawal and Goyal).
 * </ul>
 */
public record PolicyConfig(String name, double epsilon, double alpha, double v, int draws, double ridgeLambda) {
  public static final List<String> NAMES = List.of(EpsilonGreedyPolicy.NAME, LinUcbPolicy.NAME, DisjointLinUcbPolicy.NAME, LinearThompsonPolicy.NAME, UniformRandomPolicy.NAME);

  public PolicyConfig {
    if (name == null || !NAMES.contains(name)) {
      throw new InvalidInputException("policy", name, "expected one of " + String.join(", ", NAMES));
    }
    Checks.inRange("epsilon", epsilon, 0, 1);
    Checks.nonNegative("alpha", alpha);
    Checks.nonNegative("v", v);
    Checks.atLeast("draws", draws, 1);
    Checks.positive("ridge_lambda", ridgeLambda);
  }

  public static PolicyConfig defaults(String name) {
    double eps = EpsilonGreedyPolicy.NAME.equals(name) ? 0.1 : 0.05;
    return new PolicyConfig(name, eps, 1.0, 0.25, 32, 1.0);
  }

  public PolicyConfig withEpsilon(double e) {
    return new PolicyConfig(name, e, alpha, v, draws, ridgeLambda);
  }

  public PolicyConfig withAlpha(double a) {
    return new PolicyConfig(name, epsilon, a, v, draws, ridgeLambda);
  }

  public PolicyConfig withV(double scale) {
    return new PolicyConfig(name, epsilon, alpha, scale, draws, ridgeLambda);
  }

  public PolicyConfig withDraws(int m) {
    return new PolicyConfig(name, epsilon, alpha, v, m, ridgeLambda);
  }

  /** A new policy with no learned state. */
  public Policy create(Featurizer featurizer) {
    return switch (name) {
      case EpsilonGreedyPolicy.NAME -> new EpsilonGreedyPolicy(featurizer, epsilon, ridgeLambda);
      case LinUcbPolicy.NAME -> new LinUcbPolicy(featurizer, alpha, epsilon, ridgeLambda);
      case DisjointLinUcbPolicy.NAME -> new DisjointLinUcbPolicy(featurizer, alpha, epsilon, ridgeLambda);
      case LinearThompsonPolicy.NAME -> new LinearThompsonPolicy(featurizer, v, draws, epsilon, ridgeLambda);
      default -> new UniformRandomPolicy(featurizer);
    };
  }

  /** The configuration stored in a policy snapshot (missing settings take the defaults). */
  public static PolicyConfig fromSnapshot(JsonNode snapshot) {
    String name = snapshot == null ? null : snapshot.path("policy").asText(null);
    PolicyConfig d = defaults(name == null ? "" : name);
    JsonNode c = snapshot.path("config");
    return new PolicyConfig(
        name,
        c.path("epsilon").asDouble(d.epsilon()),
        c.path("alpha").asDouble(d.alpha()),
        c.path("v").asDouble(d.v()),
        c.path("draws").asInt(d.draws()),
        c.path("ridge_lambda").asDouble(d.ridgeLambda()));
  }

  /** A policy rebuilt from its {@link Policy#snapshot()}. */
  public static Policy restore(JsonNode snapshot, Featurizer featurizer) {
    Policy p = fromSnapshot(snapshot).create(featurizer);
    p.restore(snapshot);
    return p;
  }
}
