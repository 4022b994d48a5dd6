package dev.funnel.bandit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.Checks;
import java.util.SplittableRandom;

/**
 * LinUCB (Li, Chu, Langford, Schapire 2010, "A contextual-bandit approach to personalized news
 * article recommendation", WWW): score {@code θᵀx + α·sqrt(xᵀA⁻¹x)} with one ridge model shared
 * by all actions over the joint features {@code x = vec(c ⊗ u) ⊕ perf} (the shared-parameter
 * part of the paper's hybrid model, with action features inside {@code x}, so actions never
 * seen still get estimates from similar ones). The highest score is played, mixed with ε
 * uniform exploration so every action keeps a propensity of at least {@code ε/|A|};
 * propensity {@code ε/|A| + (1−ε)·1[a argmax]/#argmax}, exact.
 */
public final class LinUcbPolicy extends LinearPolicy {
  public static final String NAME = "linucb";
  private final double alpha;

  public LinUcbPolicy(Featurizer featurizer, double alpha, double epsilon, double ridgeLambda) {
    super(featurizer, epsilon, ridgeLambda);
    this.alpha = Checks.nonNegative("alpha", alpha);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  protected Scored distribution(RidgeModel model, JointFeatures x, SplittableRandom rng) {
    double[] scores = new double[x.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = model.mean(x, i) + alpha * Math.sqrt(model.variance(x, i));
    }
    return new Scored(epsilonGreedy(scores), scores);
  }

  @Override
  protected void writeConfig(ObjectNode config) {
    config.put("alpha", alpha);
  }
}
