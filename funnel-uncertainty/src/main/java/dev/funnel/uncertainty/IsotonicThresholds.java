package dev.funnel.uncertainty;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-bin isotonic recalibration followed by one global threshold: within each equal-count
 * uncertainty bin, pool-adjacent-violators maps the score to the bin's empirical positive rate
 * ({@link Isotonic}); then the lowest calibrated level meeting the target precision is chosen
 * over all validation examples. As each per-bin map is non-decreasing, "calibrated >= level" is
 * "score >= the first block start reaching level" in that bin, so the result is an ordinary
 * per-bin {@link ThresholdTable}. (The MIST algorithm of Arora et al., arXiv:2311.11723.)
 */
public final class IsotonicThresholds implements ThresholdMethod {
  @Override
  public String name() {
    return "isotonic";
  }

  @Override
  public boolean usesBins() {
    return true;
  }

  @Override
  public ThresholdTable fit(ScoredSet validation, double precision, int bins) {
    UncertaintyBins ub = UncertaintyBins.equalCount(validation.uncertainties(), bins);
    int[] b = ub.assign(validation.uncertainties());
    List<Isotonic> maps = new ArrayList<>();
    for (int k = 0; k < ub.count(); k++) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < b.length; i++) {
        if (b[i] == k) {
          idx.add(i);
        }
      }
      if (idx.isEmpty()) {
        maps.add(null);
        continue;
      }
      double[] x = new double[idx.size()];
      double[] y = new double[idx.size()];
      for (int j = 0; j < x.length; j++) {
        x[j] = validation.scores()[idx.get(j)];
        y[j] = validation.labels()[idx.get(j)] ? 1 : 0;
      }
      maps.add(Isotonic.fit(x, y, null));
    }
    double[] calibrated = new double[validation.size()];
    for (int i = 0; i < calibrated.length; i++) {
      calibrated[i] = maps.get(b[i]).apply(validation.scores()[i]);
    }
    CutCurve curve = CutCurve.of(calibrated, validation.labels());
    RecallDp.Solution sol = RecallDp.solve(List.of(curve), precision);
    double level = curve.thresholds()[sol.cuts()[0]];
    double[] th = new double[ub.count()];
    for (int k = 0; k < th.length; k++) {
      th[k] = maps.get(k) == null ? Double.POSITIVE_INFINITY : maps.get(k).lowestStartReaching(level);
    }
    return ThresholdTable.measured(name(), precision, ub, th, validation);
  }
}
