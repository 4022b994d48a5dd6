package dev.funnel.rank;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import dev.funnel.ml.Gbm;
import dev.funnel.ml.GbmDataset;
import dev.funnel.ml.GbmModel;
import dev.funnel.ml.GbmParams;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates position propensities from click logs with the expectation-maximisation algorithm
 * for the position-based click model (PBM), as in Wang, Golbandi, Bendersky, Metzler &amp; Najork,
 * "Position Bias Estimation for Unbiased Learning to Rank in Personal Search" (WSDM 2018), §3:
 * a click happens iff the item is examined (probability θ_k at position k) and relevant
 * (probability γ_{q,d} for the query-item pair). E-step, for an observation without a click:
 * P(E=1, R=0 | C=0) = θ(1-γ)/(1-θγ) and P(E=0, R=1 | C=0) = (1-θ)γ/(1-θγ); with a click
 * E = R = 1. M-step: θ_k and γ_{q,d} are the means of those posteriors over their observations.
 * {@link #estimate} keeps a free relevance parameter per (query, item) pair (the paper's plain EM),
 * so the same pair must be shown at several positions for θ to be identified;
 * {@link #estimateWithFeatures} is the paper's regression-EM, where relevance is a model of the
 * features. Results are reported relative to θ_1.
 */
public final class PositionBiasEstimator {
  /** One impression: query key, item, 1-based position, clicked or not. */
  public record Observation(String query, String itemId, int position, boolean clicked) {
    public Observation {
      Checks.atLeast("position", position, 1);
    }
  }

  private static final double EPS = 1e-6;
  private final int maxPosition;
  private final int maxIterations;
  private final double tolerance;

  /**
   * @param maxPosition positions beyond this are pooled with it (sparse deep positions are noisy)
   * @param maxIterations EM iteration cap
   * @param tolerance stop when no θ_k moves by more than this
   */
  public PositionBiasEstimator(int maxPosition, int maxIterations, double tolerance) {
    this.maxPosition = Checks.atLeast("maxPosition", maxPosition, 1);
    this.maxIterations = Checks.atLeast("maxIterations", maxIterations, 1);
    this.tolerance = Checks.positive("tolerance", tolerance);
  }

  /** Observations of a training set: any positive label counts as a click. */
  public static List<Observation> observations(TrainingSet set) {
    return set.groups().stream()
        .flatMap(g -> g.rows().stream().map(r -> new Observation(g.query(), r.itemId(), r.position(), r.label() > 0)))
        .toList();
  }

  /** EM with one relevance parameter per (query, item) pair. */
  public Propensities estimate(List<Observation> obs) {
    Prepared d = prepare(obs);
    int[] pair = new int[d.n];
    Map<String, Integer> pairIds = new HashMap<>();
    for (int i = 0; i < d.n; i++) {
      pair[i] = pairIds.computeIfAbsent(obs.get(i).query() + '\u0000' + obs.get(i).itemId(), k -> pairIds.size());
    }
    int[] perPair = new int[pairIds.size()];
    for (int p : pair) {
      perPair[p]++;
    }
    double[] gammaPair = new double[pairIds.size()];
    java.util.Arrays.fill(gammaPair, START);
    double[] gamma = new double[d.n];
    double[] posterior = new double[d.n];
    for (int it = 0; it < maxIterations; it++) {
      for (int i = 0; i < d.n; i++) {
        gamma[i] = gammaPair[pair[i]];
      }
      double moved = step(d, gamma, posterior);
      double[] sumR = new double[gammaPair.length];
      for (int i = 0; i < d.n; i++) {
        sumR[pair[i]] += posterior[i];
      }
      for (int p = 0; p < gammaPair.length; p++) {
        gammaPair[p] = nextGamma(sumR[p], perPair[p]);
      }
      if (moved < tolerance) {
        break;
      }
    }
    return d.relative();
  }

  /**
   * Regression-EM (Wang et al. 2018, §4): relevance is a function of the item's feature vector
   * instead of a free parameter per pair, so propensities are identified even when a (query, item)
   * pair is shown once. Each M-step fits a LightGBM binary classifier to the E-step relevance
   * posteriors; where the paper samples binary labels from them, each row here enters twice, as a
   * positive with weight P(R=1) and a negative with weight 1 - P(R=1), which is the exact expected
   * log-likelihood. {@code params} (objective binary) is the relevance model; features align with
   * {@code obs}.
   */
  public Propensities estimateWithFeatures(List<Observation> obs, List<float[]> features, GbmParams params) {
    if (features.size() != obs.size()) {
      throw new InvalidInputException("features", features.size() + " rows", "expected one row per observation (" + obs.size() + ")");
    }
    if (!params.objective().equals("binary")) {
      throw new InvalidInputException("objective", params.objective(), "expected binary for the relevance model");
    }
    Prepared d = prepare(obs);
    float[][] x = features.toArray(new float[0][]);
    float[][] doubled = new float[2 * d.n][];
    float[] labels = new float[2 * d.n];
    for (int i = 0; i < d.n; i++) {
      doubled[2 * i] = x[i];
      doubled[2 * i + 1] = x[i];
      labels[2 * i] = 1;
    }
    double[] gamma = new double[d.n];
    java.util.Arrays.fill(gamma, 0.5);
    double[] posterior = new double[d.n];
    float[] weights = new float[2 * d.n];
    for (int it = 0; it < maxIterations; it++) {
      double moved = step(d, gamma, posterior);
      for (int i = 0; i < d.n; i++) {
        weights[2 * i] = (float) posterior[i];
        weights[2 * i + 1] = (float) (1 - posterior[i]);
      }
      try (GbmModel m = Gbm.train(new GbmDataset(doubled, labels, weights, null, null), params)) {
        double[] g = m.predict(x);
        for (int i = 0; i < d.n; i++) {
          gamma[i] = clamp(g[i]);
        }
      }
      if (moved < tolerance) {
        break;
      }
    }
    return d.relative();
  }

  /** Positions (pooled past maxPosition), clicks and the current θ. */
  private final class Prepared {
    final int n;
    final int[] pos;
    final boolean[] click;
    final long[] perPos;
    final double[] theta;

    Prepared(List<Observation> obs) {
      n = obs.size();
      pos = new int[n];
      click = new boolean[n];
      long[] counts = new long[maxPosition];
      for (int i = 0; i < n; i++) {
        pos[i] = positionIndex(obs.get(i).position());
        click[i] = obs.get(i).clicked();
        counts[pos[i]]++;
      }
      int positions = positions(counts);
      perPos = java.util.Arrays.copyOf(counts, positions);
      theta = new double[positions];
      java.util.Arrays.fill(theta, START);
    }

    Propensities relative() {
      return PositionBiasEstimator.relative(theta);
    }
  }

  private Prepared prepare(List<Observation> obs) {
    if (obs.isEmpty()) {
      throw new InvalidInputException("observations", 0, "expected impressions to estimate position bias from");
    }
    return new Prepared(obs);
  }

  /**
   * One E-step given each observation's relevance γ_i, writing P(R=1 | click) into
   * {@code posterior}, and the M-step for θ; returns the largest change of any θ_k.
   */
  private static double step(Prepared d, double[] gamma, double[] posterior) {
    double[] sumE = new double[d.theta.length];
    for (int i = 0; i < d.n; i++) {
      if (d.click[i]) {
        sumE[d.pos[i]] += 1;
        posterior[i] = 1;
      } else {
        double t = d.theta[d.pos[i]];
        double g = gamma[i];
        sumE[d.pos[i]] += examinedGivenSkip(t, g);
        posterior[i] = relevantGivenSkip(t, g);
      }
    }
    double moved = 0;
    for (int k = 0; k < d.theta.length; k++) {
      double next = nextTheta(sumE[k], d.perPos[k], d.theta[k]);
      moved = Math.max(moved, Math.abs(next - d.theta[k]));
      d.theta[k] = next;
    }
    return moved;
  }

  /** E-step for an impression without a click: P(E=1, R=0 | C=0) = θ(1-γ)/(1-θγ). */
  public static double examinedGivenSkip(double theta, double gamma) {
    return theta * (1 - gamma) / (1 - theta * gamma);
  }

  /** E-step for an impression without a click: P(E=0, R=1 | C=0) = (1-θ)γ/(1-θγ). */
  public static double relevantGivenSkip(double theta, double gamma) {
    return (1 - theta) * gamma / (1 - theta * gamma);
  }

  /** M-step for θ_k: the mean examination posterior of its impressions (kept when it has none). */
  public static double nextTheta(double sumExamined, long impressions, double previous) {
    return impressions == 0 ? previous : clamp(sumExamined / impressions);
  }

  /** M-step for a pair's γ: the mean relevance posterior of its impressions. */
  public static double nextGamma(double sumRelevant, long impressions) {
    return clamp(sumRelevant / impressions);
  }

  /** Index of a 1-based position into θ: positions past {@code maxPosition} share the last. */
  public int positionIndex(int position) {
    return Math.min(position, maxPosition) - 1;
  }

  public int maxPosition() {
    return maxPosition;
  }

  public int maxIterations() {
    return maxIterations;
  }

  public double tolerance() {
    return tolerance;
  }

  /**
   * Number of θ entries for impressions counted per pooled position: trailing positions without
   * impressions are dropped.
   */
  public static int positions(long[] perPosition) {
    int positions = perPosition.length;
    while (positions > 1 && perPosition[positions - 1] == 0) {
      positions--;
    }
    return positions;
  }

  /** Propensities relative to θ_1. */
  public static Propensities relative(double[] theta) {
    double[] rel = new double[theta.length];
    for (int k = 0; k < theta.length; k++) {
      rel[k] = theta[k] / theta[0];
    }
    return new Propensities(rel);
  }

  /** The initial θ_k and γ of the EM. */
  public static final double START = 0.5;

  private static double clamp(double v) {
    return Math.min(1 - EPS, Math.max(EPS, v));
  }
}
