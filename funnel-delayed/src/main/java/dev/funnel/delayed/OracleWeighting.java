package dev.funnel.delayed;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Oracle: every click with its eventual label, weight 1. It reads labels from the future, so it
 * exists only as the upper reference of an evaluation (the denominator of RI-AUC) and is refused
 * by production training.
 */
public final class OracleWeighting implements WeightingScheme {
  @Override
  public String name() {
    return "oracle";
  }

  @Override
  public Map<String, Object> params() {
    return Map.of();
  }

  @Override
  public boolean evaluationOnly() {
    return true;
  }

  @Override
  public WeightedSet weigh(Snapshot s, AuxiliaryLearner aux, SplittableRandom rnd) {
    WeightedSet.Builder b = new WeightedSet.Builder();
    for (int i = 0; i < s.size(); i++) {
      b.add(s.rows().get(i).features(), s.eventualLabel(i), 1);
    }
    return b.build();
  }
}
