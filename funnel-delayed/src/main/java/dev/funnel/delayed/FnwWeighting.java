package dev.funnel.delayed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fake-negative weighting (Ktena et al., "Addressing delayed feedback for continuous training
 * with neural networks in CTR prediction", RecSys 2019). Every click enters as a negative at
 * click time and every conversion is added again as a positive copy, so the observed
 * distribution is q(y=1|x) = p(x)/(1+p(x)). Importance sampling then gives
 *
 * <pre>
 *   w+ = 1 + p(x)                  (positive copies)
 *   w- = (1 - p(x)) (1 + p(x))     (the click's negative copy)
 * </pre>
 *
 * <p>The training set is the stream of entries of the training span [from, t): a negative copy
 * of each click of the span and a positive copy of each conversion that happened in the span
 * (also for clicks up to one attribution window before it), as a continuously trained model would
 * have consumed them. Ktena et al. use the model's own current prediction (without gradient)
 * for p(x); a batch gradient-boosting fit cannot, so p(x) comes from a model fit on the
 * snapshot's mature history.
 */
public final class FnwWeighting implements WeightingScheme {
  @Override
  public String name() {
    return "fnw";
  }

  @Override
  public Map<String, Object> params() {
    return Map.of("p", "mature-label model");
  }

  public static double positiveWeight(double p) {
    return 1 + p;
  }

  public static double negativeWeight(double p) {
    return (1 - p) * (1 + p);
  }

  @Override
  public WeightedSet weigh(Snapshot s, AuxiliaryLearner aux, SplittableRandom rnd) {
    List<float[]> mx = new ArrayList<>();
    List<Boolean> my = new ArrayList<>();
    for (Observation o : s.history()) {
      mx.add(o.features());
      my.add(o.observedLabel());
    }
    float[][] query = s.stream().stream().map(Observation::features).toArray(float[][]::new);
    double[] p = aux.fitPredict(mx.toArray(new float[0][]), Weightings.toArray(my), s.spec().lightGbmCategorical(), query);
    WeightedSet.Builder b = new WeightedSet.Builder();
    for (int i = 0; i < query.length; i++) {
      Observation o = s.stream().get(i);
      if (o.journey().clickTime() >= s.from()) {
        b.add(o.features(), false, negativeWeight(p[i]));
      }
      if (o.observedLabel() && o.journey().conversionTime() >= s.from()) {
        b.add(o.features(), true, positiveWeight(p[i]));
      }
    }
    return b.build();
  }
}
