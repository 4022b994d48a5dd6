package dev.funnel.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A bandit policy over actions. {@link #choose} may be called from many threads at once;
 * {@link #update} calls are serialised by the policy itself. All randomness comes from the
 * {@code rng} argument, so a seed reproduces every decision.
 */
public interface Policy {
  /** Short name written to logs, e.g. {@code linucb}. */
  String name();

  /** Draws one of {@code actions} for {@code context} and reports the probability it had. */
  Decision choose(BanditContext context, List<Action> actions, SplittableRandom rng);

  /**
   * The probability of each action in {@code actions} for {@code context} under the current
   * state. Exact for every policy here; for {@link LinearThompsonPolicy} it is the distribution
   * given fresh posterior draws taken from {@code rng} (its expectation is the policy's
   * marginal distribution). Sums to 1.
   */
  double[] probabilities(BanditContext context, List<Action> actions, SplittableRandom rng);

  /** Learns from the (cost-penalised) reward of an earlier decision of this policy. */
  void update(Decision decision, double reward);

  /** The learned state and configuration as JSON (see {@link Policies#restore}). */
  ObjectNode snapshot();

  /** Replaces the learned state with one from {@link #snapshot()} of a policy with the same configuration. */
  void restore(JsonNode snapshot);
}
