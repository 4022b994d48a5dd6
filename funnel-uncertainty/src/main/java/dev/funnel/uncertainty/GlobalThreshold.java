package dev.funnel.uncertainty;

/** The baseline: one score threshold for all examples (the lowest cut meeting the target). */
public final class GlobalThreshold implements ThresholdMethod {
  @Override
  public String name() {
    return "global";
  }

  @Override
  public boolean usesBins() {
    return false;
  }

  @Override
  public ThresholdTable fit(ScoredSet validation, double precision, int bins) {
    return DpThresholds.fitOn(name(), UncertaintyBins.single(), validation, precision);
  }
}
