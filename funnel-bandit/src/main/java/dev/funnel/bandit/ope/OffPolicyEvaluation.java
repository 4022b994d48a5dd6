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

  /**
   * The range a reward can take, {@code [lo, hi]}; any policy's expected reward lies in it, so
   * estimates outside it are clipped to it ({@link #clip}).
   */
  public record RewardRange(double lo, double hi) {
    public RewardRange {
      if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
        throw new dev.funnel.core.InvalidInputException("reward-range", lo + "," + hi, "expected finite lo <= hi");
      }
    }

    /** The smallest range holding every logged reward and [0, 1] when they are all in it. */
    public static RewardRange of(OpeData d) {
      double lo = 0;
      double hi = 1;
      for (int i = 0; i < d.size(); i++) {
        lo = Math.min(lo, d.reward(i));
        hi = Math.max(hi, d.reward(i));
      }
      return new RewardRange(lo, hi);
    }

    double clip(double x) {
      return Double.isNaN(x) ? x : Math.max(lo, Math.min(hi, x));
    }
  }

  /**
   * Effective sample sizes below this are too few rounds for a trustworthy estimate: a
   * percentile-bootstrap interval needs the estimate to rest on at least some tens of
   * independent rounds; 100 follows the rule of thumb of OPE practice (e.g. Owen 2013, "Monte
   * Carlo theory, methods and examples", §9.3, for importance-sampling ESS).
   */
  public static final double MIN_EFFECTIVE_SAMPLE_SIZE = 100;

  /** The estimate and its interval clipped to the reward range (the point and each bound). */
  public static Estimate clip(Estimate e, RewardRange range) {
    return new Estimate(range.clip(e.estimate()), range.clip(e.lo()), range.clip(e.hi()));
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
