package dev.funnel.delayed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Feedback shift importance weighting (Yasui et al., "A feedback shift correction in predicting
 * conversion rates under delayed feedback", WWW 2020). Each click appears once, with the label
 * observed after elapsed time e. With S the event "the conversion is observed by e",
 * q(y=1|x,e) = p(y=1|x) P(S|y=1,x,e) and q(y=0|x,e) = 1 - q(y=1|x,e), so the importance weights
 * p(y|x)/q(y|x,e) are
 *
 * <pre>
 *   w+ = 1 / P(S=1 | y=1, x, e)         (observed positives)
 *   w- = P(y=0 | observed negative, x, e)  (observed negatives)
 * </pre>
 *
 * <p>Both probabilities are fit on mature clicks replayed at pseudo elapsed times
 * ({@link MatureReplay}) with features (x, log1p(e)). w+ is capped at {@value #MAX_POSITIVE_WEIGHT}
 * (a variance guard not in the paper: a conversion observed seconds after the click would
 * otherwise get an unbounded weight).
 */
public final class FsiwWeighting implements WeightingScheme {
  static final double MAX_POSITIVE_WEIGHT = 20;

  @Override
  public String name() {
    return "fsiw";
  }

  @Override
  public Map<String, Object> params() {
    return Map.of("max_positive_weight", MAX_POSITIVE_WEIGHT);
  }

  public static double positiveWeight(double pObservedGivenPositive) {
    return Math.min(MAX_POSITIVE_WEIGHT, 1 / pObservedGivenPositive);
  }

  public static double negativeWeight(double pRealNegative) {
    return pRealNegative;
  }

  @Override
  public WeightedSet weigh(Snapshot s, AuxiliaryLearner aux, SplittableRandom rnd) {
    List<MatureReplay.Row> replay = MatureReplay.replay(s, 2, rnd);
    List<float[]> x1 = new ArrayList<>();
    List<Boolean> y1 = new ArrayList<>();
    List<float[]> x0 = new ArrayList<>();
    List<Boolean> y0 = new ArrayList<>();
    for (MatureReplay.Row r : replay) {
      float[] f = MatureReplay.auxFeatures(r.mature().features(), r.elapsed(), null);
      if (r.eventual()) {
        x1.add(f);
        y1.add(r.observedAtElapsed());
      }
      if (!r.observedAtElapsed()) {
        x0.add(f);
        y0.add(!r.eventual());
      }
    }
    float[][] query = s.rows().stream().map(o -> MatureReplay.auxFeatures(o.features(), o.elapsed(), null)).toArray(float[][]::new);
    String cat = s.spec().lightGbmCategorical();
    double[] pObserved = aux.fitPredict(x1.toArray(new float[0][]), Weightings.toArray(y1), cat, query);
    double[] pRealNeg = aux.fitPredict(x0.toArray(new float[0][]), Weightings.toArray(y0), cat, query);
    WeightedSet.Builder b = new WeightedSet.Builder();
    for (int i = 0; i < s.size(); i++) {
      Observation o = s.rows().get(i);
      if (o.observedLabel()) {
        b.add(o.features(), true, o.mature() ? 1 : positiveWeight(pObserved[i]));
      } else {
        b.add(o.features(), false, o.mature() ? 1 : negativeWeight(pRealNeg[i]));
      }
    }
    return b.build();
  }
}
