package dev.funnel.delayed;

import dev.funnel.core.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * ES-DFM, elapsed-time sampling delayed feedback model (Yang et al., "Capturing delayed feedback
 * in conversion rate prediction via elapsed-time sampling", AAAI 2021). A click enters the
 * training stream after an observation window c with the label seen by then; a conversion after c
 * is inserted again as a positive duplicate. With p_dp(x) the probability of a delayed positive
 * (converts after c) and p_rn(x) the probability that a click negative at c is a real negative,
 * q(y=1|x) = p(y=1|x)/(1+p_dp(x)) and q(y=0|x) = (p(y=0|x) + p_dp(x))/(1+p_dp(x)), so
 *
 * <pre>
 *   w+ = 1 + p_dp(x)
 *   w- = (1 + p_dp(x)) p_rn(x)
 * </pre>
 *
 * (the paper's equation 11; the reference implementation's {@code delay_tn_importance_weight_loss}).
 * p_dp is fit on the snapshot's mature history, p_rn on its clicks negative at c; both on the
 * click-time features x. The training set is the stream of entries of the training span
 * [from, t): each click entering at click + c inside the span, and each duplicate of a
 * conversion after c that happened inside the span (also for clicks before the span), as a
 * continuously trained model would have consumed them.
 */
public final class EsDfmWeighting implements WeightingScheme {
  private final long window;

  public EsDfmWeighting(long windowSeconds) {
    this.window = Checks.atLeast("esdfmWindow", windowSeconds, 1);
  }

  @Override
  public String name() {
    return "esdfm";
  }

  @Override
  public Map<String, Object> params() {
    return Map.of("c", Durations.format(window));
  }

  public static double positiveWeight(double pDelayedPositive) {
    return 1 + pDelayedPositive;
  }

  public static double negativeWeight(double pDelayedPositive, double pRealNegative) {
    return (1 + pDelayedPositive) * pRealNegative;
  }

  @Override
  public WeightedSet weigh(Snapshot s, AuxiliaryLearner aux, SplittableRandom rnd) {
    List<float[]> xdp = new ArrayList<>();
    List<Boolean> ydp = new ArrayList<>();
    List<float[]> xrn = new ArrayList<>();
    List<Boolean> yrn = new ArrayList<>();
    for (Observation o : s.history()) {
      Journey j = o.journey();
      boolean byWindow = o.observedLabel() && j.delay() <= window;
      xdp.add(o.features());
      ydp.add(o.observedLabel() && !byWindow);
      if (!byWindow) {
        xrn.add(o.features());
        yrn.add(!o.observedLabel());
      }
    }
    float[][] query = s.stream().stream().map(Observation::features).toArray(float[][]::new);
    String cat = s.spec().lightGbmCategorical();
    double[] pdp = aux.fitPredict(xdp.toArray(new float[0][]), Weightings.toArray(ydp), cat, query);
    double[] prn = aux.fitPredict(xrn.toArray(new float[0][]), Weightings.toArray(yrn), cat, query);
    WeightedSet.Builder b = new WeightedSet.Builder();
    for (int i = 0; i < query.length; i++) {
      Observation o = s.stream().get(i);
      long entry = o.journey().clickTime() + window;
      boolean byWindow = o.observedLabel() && o.journey().delay() <= window;
      if (entry >= s.from() && entry < s.asOf()) {
        if (byWindow) {
          b.add(o.features(), true, positiveWeight(pdp[i]));
        } else {
          b.add(o.features(), false, negativeWeight(pdp[i], prn[i]));
        }
      }
      if (o.observedLabel() && !byWindow && o.journey().conversionTime() >= s.from()) {
        b.add(o.features(), true, positiveWeight(pdp[i]));
      }
    }
    return b.build();
  }
}
