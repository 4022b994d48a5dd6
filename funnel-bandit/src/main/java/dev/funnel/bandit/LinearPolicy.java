package dev.funnel.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Base of the policies that score actions with one {@link RidgeModel} over the joint
 * (context ⊗ action) features of a {@link Featurizer}. A decision is drawn from the explicit
 * distribution {@link #distribution} returns, so its logged propensity is exactly the
 * probability of the drawn action. Decisions take a read lock (many at once), updates a write
 * lock.
 */
public abstract class LinearPolicy implements Policy {
  protected final Featurizer featurizer;
  protected final double epsilon;
  private final double ridgeLambda;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private RidgeModel model;

  protected LinearPolicy(Featurizer featurizer, double epsilon, double ridgeLambda) {
    this.featurizer = featurizer;
    this.epsilon = Checks.inRange("epsilon", epsilon, 0, 1);
    this.ridgeLambda = Checks.positive("ridge_lambda", ridgeLambda);
    this.model = new RidgeModel(featurizer.dimension(), ridgeLambda);
  }

  /** The action distribution and the per-action scores given the joint features {@code x}. */
  protected abstract Scored distribution(RidgeModel model, JointFeatures x, SplittableRandom rng);

  /** Policy-specific settings written into snapshots (epsilon and ridge lambda are added here). */
  protected abstract void writeConfig(ObjectNode config);

  /** A distribution with the per-action scores that produced it. */
  protected record Scored(double[] probabilities, double[] scores) {}

  @Override
  public final Decision choose(BanditContext context, List<Action> actions, SplittableRandom rng) {
    requireActions(actions);
    JointFeatures x = featurizer.jointFeatures(context, actions);
    Scored s = scored(x, rng);
    int i = draw(s.probabilities(), rng);
    return new Decision(actions.get(i), i, s.probabilities()[i], s.scores(), name(), x.dense(i));
  }

  @Override
  public final double[] probabilities(BanditContext context, List<Action> actions, SplittableRandom rng) {
    requireActions(actions);
    return scored(featurizer.jointFeatures(context, actions), rng).probabilities();
  }

  private Scored scored(JointFeatures x, SplittableRandom rng) {
    lock.readLock().lock();
    try {
      return distribution(model, x, rng);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public final void update(Decision decision, double reward) {
    lock.writeLock().lock();
    try {
      model.update(decision.features(), reward);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Number of updates learned so far. */
  public long observations() {
    lock.readLock().lock();
    try {
      return model.observations();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public final ObjectNode snapshot() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("policy", name());
    ObjectNode config = n.putObject("config");
    config.put("epsilon", epsilon);
    config.put("ridge_lambda", ridgeLambda);
    writeConfig(config);
    lock.readLock().lock();
    try {
      n.set("model", model.snapshot());
    } finally {
      lock.readLock().unlock();
    }
    return n;
  }

  @Override
  public final void restore(JsonNode snapshot) {
    if (snapshot == null || !name().equals(snapshot.path("policy").asText())) {
      throw new InvalidInputException("policy", snapshot == null ? null : snapshot.path("policy").asText(), "expected a snapshot of policy " + name());
    }
    RidgeModel m = RidgeModel.restore(snapshot.get("model"));
    if (m.dimension() != featurizer.dimension()) {
      throw new InvalidInputException("model.dimension", m.dimension(), "expected " + featurizer.dimension() + " (the featurizer's dimension)");
    }
    lock.writeLock().lock();
    try {
      model = m;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** ε-mixing of a greedy choice: ties in {@code scores} share the greedy mass equally. */
  protected final double[] epsilonGreedy(double[] scores) {
    return epsilonGreedy(scores, epsilon);
  }

  static double[] epsilonGreedy(double[] scores, double epsilon) {
    int n = scores.length;
    double best = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      best = Math.max(best, s);
    }
    int ties = 0;
    for (double s : scores) {
      if (s == best) {
        ties++;
      }
    }
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = epsilon / n + (scores[i] == best ? (1 - epsilon) / ties : 0);
    }
    return p;
  }

  static int draw(double[] p, SplittableRandom rng) {
    double u = rng.nextDouble();
    double acc = 0;
    int last = -1;
    for (int i = 0; i < p.length; i++) {
      if (p[i] > 0) {
        acc += p[i];
        last = i;
        if (u < acc) {
          return i;
        }
      }
    }
    return last;
  }

  static void requireActions(List<Action> actions) {
    if (actions == null || actions.isEmpty()) {
      throw new InvalidInputException("actions", actions, "expected at least one action to choose from");
    }
  }
}
