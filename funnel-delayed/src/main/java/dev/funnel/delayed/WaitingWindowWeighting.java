package dev.funnel.delayed;

import dev.funnel.core.Checks;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Waiting window: train only on clicks at least {@code wait} seconds old, with the label observed
 * at training time, weight 1. Fewer fake negatives, at the price of the freshest data (the
 * trade-off studied by He et al., "Practical lessons from predicting clicks on ads at Facebook",
 * ADKDD 2014, section 6, and used as the waiting-window baseline by Yang et al., AAAI 2021).
 */
public final class WaitingWindowWeighting implements WeightingScheme {
  private final long wait;

  public WaitingWindowWeighting(long waitSeconds) {
    this.wait = Checks.atLeast("wait", waitSeconds, 1);
  }

  @Override
  public String name() {
    return "waiting";
  }

  @Override
  public Map<String, Object> params() {
    return Map.of("wait", Durations.format(wait));
  }

  @Override
  public WeightedSet weigh(Snapshot s, AuxiliaryLearner aux, SplittableRandom rnd) {
    WeightedSet.Builder b = new WeightedSet.Builder();
    for (Observation o : s.rows()) {
      if (o.elapsed() >= wait) {
        b.add(o.features(), o.observedLabel(), 1);
      }
    }
    return b.build();
  }
}
