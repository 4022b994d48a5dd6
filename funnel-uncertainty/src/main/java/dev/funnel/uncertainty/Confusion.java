package dev.funnel.uncertainty;

/**
 * Accepted positives ({@code tp}) and negatives ({@code fp}) of a decision rule on a labelled
 * set with {@code positives} positives. Precision is NaN when nothing is accepted.
 */
public record Confusion(int tp, int fp, int positives) {
  public static Confusion of(ThresholdTable table, ScoredSet set) {
    int tp = 0;
    int fp = 0;
    UncertaintyBins bins = table.bins();
    double[] th = table.thresholds();
    for (int i = 0; i < set.size(); i++) {
      if (set.scores()[i] >= th[bins.index(set.uncertainties()[i])]) {
        if (set.labels()[i]) {
          tp++;
        } else {
          fp++;
        }
      }
    }
    return new Confusion(tp, fp, set.positives());
  }

  public double precision() {
    return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
  }

  public double recall() {
    return positives == 0 ? Double.NaN : (double) tp / positives;
  }
}
