package dev.funnel.delayed;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Vanilla: every click with the label observed at training time, weight 1. Pending conversions
 * count as negatives (fake negatives), which biases the model downwards for recent clicks and for
 * slow-converting features.
 */
public final class VanillaWeighting implements WeightingScheme {
  @Override
  public String name() {
    return "vanilla";
  }

  @Override
  public Map<String, Object> params() {
    return Map.of();
  }

  @Override
  public WeightedSet weigh(Snapshot s, AuxiliaryLearner aux, SplittableRandom rnd) {
    WeightedSet.Builder b = new WeightedSet.Builder();
    for (Observation o : s.rows()) {
      b.add(o.features(), o.observedLabel(), 1);
    }
    return b.build();
  }
}
