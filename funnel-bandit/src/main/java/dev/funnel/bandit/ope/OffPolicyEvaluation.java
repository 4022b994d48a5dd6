package dev.funnel.bandit.ope;

import dev.funnel.core.Checks;
import dev.funnel.core.metrics.Summary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs estimators on one {@link OpeData} with percentile-bootstrap confidence intervals
 * ({@link Summary#bootstrap}): rows are resampled with replacement, every estimator sees the
 * same resamples (same seed), and reward-model predictions are fitted once beforehand
 * (cross-fitted), so the interval reflects sampling variance of the logged rounds given the
 * model.
 */
public final class OffPolicyEvaluation {
  /** 1,000 resamples: percentile intervals at 95% need several hundred (Efron and Tibshirani 1993, §13.3). */
  public static final int DEFAULT_RESAMPLES = 1000;

  private OffPolicyEvaluation() {}

  /** One estimator's point estimate and 95% interval. */
  public record Estimate(double estimate, double lo, double hi) {
    public boolean covers(double value) {
      return value >= lo && value <= hi;
    }
  }

  public static Map<String, Estimate> run(OpeData data, List<Estimator> estimators, int resamples, long seed) {
    Checks.atLeast("resamples", resamples, 1);
    Map<String, Estimate> out = new LinkedHashMap<>();
    int[] all = data.allRows();
    for (Estimator e : estimators) {
      double point = e.estimate(data, all);
      Summary.Interval ci = Summary.bootstrap(data.size(), resamples, 0.95, seed, idx -> e.estimate(data, idx));
      out.put(e.name(), new Estimate(point, ci.lo(), ci.hi()));
    }
    return out;
  }

  /** Summary statistics of the importance weights: mean (≈1 when propensities are right), max, effective sample size. */
  public static Map<String, Double> weightDiagnostics(OpeData data) {
    double s = 0;
    double s2 = 0;
    double max = 0;
    for (int i = 0; i < data.size(); i++) {
      double w = data.weight(i);
      s += w;
      s2 += w * w;
      max = Math.max(max, w);
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("mean_weight", s / data.size());
    m.put("max_weight", max);
    m.put("effective_sample_size", s2 > 0 ? s * s / s2 : 0);
    return m;
  }
}
