package dev.funnel.delayed;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Waiting window: a click becomes a training example only {@code wait} seconds after it happened,
 * so the model trained at t covers a span as long as the other schemes' but ending at
 * t - {@code wait} (clicks of [from - wait, t - wait), taken from the snapshot's stream, which
 * reaches back one attribution window), with the label observed at t, weight 1. Fewer fake negatives, at the price of the freshest data (the
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
    if (wait > s.attributionWindow()) {
      throw new InvalidInputException("wait", Durations.format(wait), "expected at most the attribution window " + Durations.format(s.attributionWindow()));
    }
    WeightedSet.Builder b = new WeightedSet.Builder();
    long lo = s.from() - wait;
    long hi = s.asOf() - wait;
    for (Observation o : s.stream()) {
      long click = o.journey().clickTime();
      if (click >= lo && click < hi) {
        b.add(o.features(), o.observedLabel(), 1);
      }
    }
    return b.build();
  }
}
