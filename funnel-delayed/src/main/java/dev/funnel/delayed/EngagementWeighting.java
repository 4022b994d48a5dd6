package dev.funnel.delayed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Engagement-aware importance weighting. An auxiliary model estimates, for an observed negative
 * at elapsed time e with engagement g so far (carts, favourites, repeated views, time since the
 * last one), the flip probability
 *
 * <pre>
 *   p_flip(x, e, g) = P(y = 1 | observed negative, x, e, g)
 * </pre>
 *
 * Derivation. Q is the observed distribution of (x, e, g, c) with c the observed label; P is the
 * distribution of (x, y) with y the eventual label. Observed positives are true positives, so
 * E_P[l(x, y)] = E_Q[c l(x,1) + (1-c) (p_flip l(x,1) + (1-p_flip) l(x,0))], exactly, for any
 * loss l, because P(y | c=0, x, e, g) = p_flip. Each observed negative is therefore split into
 * a positive copy of weight p_flip and a negative copy of weight 1 - p_flip (the per-copy
 * ratio P(x,y)/Q(x,c=0) given the information at hand); observed positives and mature negatives
 * keep weight 1. The estimate is unbiased like FSIW's, and its variance shrinks as g makes
 * p_flip sharper: a cart abandoned a week ago gives p_flip near 0, a cart put in an hour ago
 * gives it a large value. The auxiliary model is fit on mature clicks replayed at pseudo elapsed
 * times ({@link MatureReplay}), so no eventual label of an immature click is read.
 */
public final class EngagementWeighting implements WeightingScheme {
  @Override
  public String name() {
    return "engagement";
  }

  @Override
  public Map<String, Object> params() {
    return Map.of("aux_features", "x, log1p(elapsed h), " + String.join(", ", EngagementState.FEATURE_NAMES));
  }

  /** Weight of the positive copy of an observed negative. */
  public static double positiveCopyWeight(double pFlip) {
    return pFlip;
  }

  /** Weight of the negative copy of an observed negative. */
  public static double negativeCopyWeight(double pFlip) {
    return 1 - pFlip;
  }

  @Override
  public WeightedSet weigh(Snapshot s, AuxiliaryLearner aux, SplittableRandom rnd) {
    List<float[]> x = new ArrayList<>();
    List<Boolean> y = new ArrayList<>();
    for (MatureReplay.Row r : MatureReplay.replay(s, 2, rnd)) {
      if (!r.observedAtElapsed()) {
        x.add(MatureReplay.auxFeatures(r.mature().features(), r.elapsed(), r.engagementAtElapsed()));
        y.add(r.eventual());
      }
    }
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      Observation o = s.rows().get(i);
      if (!o.observedLabel() && !o.mature()) {
        pending.add(i);
      }
    }
    float[][] query = new float[pending.size()][];
    for (int k = 0; k < query.length; k++) {
      Observation o = s.rows().get(pending.get(k));
      query[k] = MatureReplay.auxFeatures(o.features(), o.elapsed(), o.engagement());
    }
    double[] flip = aux.fitPredict(x.toArray(new float[0][]), Weightings.toArray(y), s.spec().lightGbmCategorical(), query);
    double[] pFlip = new double[s.size()];
    for (int k = 0; k < query.length; k++) {
      pFlip[pending.get(k)] = flip[k];
    }
    WeightedSet.Builder b = new WeightedSet.Builder();
    for (int i = 0; i < s.size(); i++) {
      Observation o = s.rows().get(i);
      if (o.observedLabel()) {
        b.add(o.features(), true, 1);
      } else {
        b.add(o.features(), true, positiveCopyWeight(pFlip[i]));
        b.add(o.features(), false, negativeCopyWeight(pFlip[i]));
      }
    }
    return b.build();
  }
}
