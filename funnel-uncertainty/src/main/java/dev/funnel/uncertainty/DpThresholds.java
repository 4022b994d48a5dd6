package dev.funnel.uncertainty;

import java.util.ArrayList;
import java.util.List;

/**
 * One threshold per equal-count uncertainty bin, chosen jointly by the exact {@link RecallDp}
 * so that total recall is maximal with overall precision >= target on validation.
 */
public final class DpThresholds implements ThresholdMethod {
  @Override
  public String name() {
    return "dp";
  }

  @Override
  public boolean usesBins() {
    return true;
  }

  @Override
  public ThresholdTable fit(ScoredSet validation, double precision, int bins) {
    return fitOn(name(), UncertaintyBins.equalCount(validation.uncertainties(), bins), validation, precision);
  }

  static ThresholdTable fitOn(String method, UncertaintyBins bins, ScoredSet validation, double precision) {
    List<CutCurve> curves = curvesPerBin(bins, validation.scores(), validation);
    RecallDp.Solution sol = RecallDp.solve(curves, precision);
    double[] th = new double[bins.count()];
    for (int b = 0; b < th.length; b++) {
      th[b] = curves.get(b).thresholds()[sol.cuts()[b]];
    }
    return ThresholdTable.measured(method, precision, bins, th, validation);
  }

  /** The cut curve of {@code scores} within each bin (an empty bin has only the "accept nothing" cut). */
  static List<CutCurve> curvesPerBin(UncertaintyBins bins, double[] scores, ScoredSet set) {
    int[] b = bins.assign(set.uncertainties());
    int[] counts = new int[bins.count()];
    for (int x : b) {
      counts[x]++;
    }
    List<CutCurve> curves = new ArrayList<>();
    for (int k = 0; k < bins.count(); k++) {
      double[] s = new double[counts[k]];
      boolean[] l = new boolean[counts[k]];
      int j = 0;
      for (int i = 0; i < b.length; i++) {
        if (b[i] == k) {
          s[j] = scores[i];
          l[j++] = set.labels()[i];
        }
      }
      curves.add(CutCurve.of(s, l));
    }
    return curves;
  }
}
