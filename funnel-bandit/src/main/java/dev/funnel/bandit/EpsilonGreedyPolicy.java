package dev.funnel.bandit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;

/**
 * ε-greedy over a ridge-regression reward model on the joint features: with probability ε a
 * uniformly random action, otherwise the action with the highest predicted reward
 * {@code θᵀx} (ties share). Propensity {@code ε/|A| + (1−ε)·1[a greedy]/#greedy}, exact.
 */
public final class EpsilonGreedyPolicy extends LinearPolicy {
  public static final String NAME = "epsilon-greedy";

  public EpsilonGreedyPolicy(Featurizer featurizer, double epsilon, double ridgeLambda) {
    super(featurizer, epsilon, ridgeLambda);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected Scored distribution(RidgeModel model, JointFeatures x, SplittableRandom rng) {
    double[] scores = new double[x.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = model.mean(x, i);
    }
    return new Scored(epsilonGreedy(scores), scores);
  }

  @Override
  protected void writeConfig(ObjectNode config) {}
}
