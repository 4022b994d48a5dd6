package dev.funnel.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * LinUCB with disjoint linear models (Li et al. 2010, Algorithm 1): one ridge model per action
 * over the context vector {@code c} only, score {@code θ_aᵀc + α·sqrt(cᵀA_a⁻¹c)}, ε-mixed like
 * {@link LinUcbPolicy}; propensity {@code ε/|A| + (1−ε)·1[a argmax]/#argmax}, exact. Nothing is
 * shared between actions, so each action must be tried in each kind of context: slower to
 * learn with many actions, but free of the shared model's assumption that strategies add up.
 * Actions never updated score with the prior ({@code θ = 0}, {@code A = λI}).
 */
public final class DisjointLinUcbPolicy implements Policy {
  public static final String NAME = "linucb-disjoint";

  private final Featurizer featurizer;
  private final double alpha;
  private final double epsilon;
  private final double ridgeLambda;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, RidgeModel> models = new HashMap<>();

  public DisjointLinUcbPolicy(Featurizer featurizer, double alpha, double epsilon, double ridgeLambda) {
    this.featurizer = featurizer;
    this.alpha = Checks.nonNegative("alpha", alpha);
    this.epsilon = Checks.inRange("epsilon", epsilon, 0, 1);
    this.ridgeLambda = Checks.positive("ridge_lambda", ridgeLambda);
  }

  @Override
  public String name() {
    return NAME;
  }

  private double[] scores(double[] c, List<Action> actions) {
    double[] scores = new double[actions.size()];
    double prior = alpha * Math.sqrt(RidgeModel.dot(c, c) / ridgeLambda);
    lock.readLock().lock();
    try {
      for (int i = 0; i < scores.length; i++) {
        RidgeModel m = models.get(actions.get(i).id());
        scores[i] = m == null ? prior : m.mean(c) + alpha * Math.sqrt(m.variance(c));
      }
    } finally {
      lock.readLock().unlock();
    }
    return scores;
  }

  @Override
  public Decision choose(BanditContext context, List<Action> actions, SplittableRandom rng) {
    LinearPolicy.requireActions(actions);
    double[] c = featurizer.context(context);
    double[] scores = scores(c, actions);
    double[] p = LinearPolicy.epsilonGreedy(scores, epsilon);
    int i = LinearPolicy.draw(p, rng);
    return new Decision(actions.get(i), i, p[i], scores, NAME, c);
  }

  @Override
  public double[] probabilities(BanditContext context, List<Action> actions, SplittableRandom rng) {
    LinearPolicy.requireActions(actions);
    return LinearPolicy.epsilonGreedy(scores(featurizer.context(context), actions), epsilon);
  }

  @Override
  public void update(Decision decision, double reward) {
    lock.writeLock().lock();
    try {
      double[] c = decision.features();
      models.computeIfAbsent(decision.action().id(), k -> new RidgeModel(c.length, ridgeLambda)).update(c, reward);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public ObjectNode snapshot() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("policy", NAME);
    ObjectNode config = n.putObject("config");
    config.put("epsilon", epsilon);
    config.put("ridge_lambda", ridgeLambda);
    config.put("alpha", alpha);
    ObjectNode ms = n.putObject("models");
    lock.readLock().lock();
    try {
      new TreeMap<>(models).forEach((id, m) -> ms.set(id, m.snapshot()));
    } finally {
      lock.readLock().unlock();
    }
    return n;
  }

  @Override
  public void restore(JsonNode snapshot) {
    if (snapshot == null || !NAME.equals(snapshot.path("policy").asText())) {
      throw new InvalidInputException("policy", snapshot == null ? null : snapshot.path("policy").asText(), "expected a snapshot of policy " + NAME);
    }
    Map<String, RidgeModel> restored = new HashMap<>();
    int dim = featurizer.context(new BanditContext(0, null, null, null)).length;
    for (Map.Entry<String, JsonNode> e : snapshot.path("models").properties()) {
      Action.parse(e.getKey());
      RidgeModel m = RidgeModel.restore(e.getValue());
      if (m.dimension() != dim) {
        throw new InvalidInputException("models." + e.getKey() + ".dimension", m.dimension(), "expected " + dim + " (the context dimension)");
      }
      restored.put(e.getKey(), m);
    }
    lock.writeLock().lock();
    try {
      models.clear();
      models.putAll(restored);
    } finally {
      lock.writeLock().unlock();
    }
  }
}
