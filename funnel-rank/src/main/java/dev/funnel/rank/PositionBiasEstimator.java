package dev.funnel.rank;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
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
 * The relevance here is a free parameter per (query, item) pair (the paper's plain EM; its
 * regression-EM variant replaces this table with a feature-based model), so the same pair must be
 * shown at several positions for θ to be identified: the result is reported relative to θ_1.
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

  public Propensities estimate(List<Observation> obs) {
    if (obs.isEmpty()) {
      throw new InvalidInputException("observations", 0, "expected impressions to estimate position bias from");
    }
    int n = obs.size();
    int[] pos = new int[n];
    int[] pair = new int[n];
    boolean[] click = new boolean[n];
    Map<String, Integer> pairIds = new HashMap<>();
    int[] perPos = new int[maxPosition];
    for (int i = 0; i < n; i++) {
      Observation o = obs.get(i);
      pos[i] = Math.min(o.position(), maxPosition) - 1;
      pair[i] = pairIds.computeIfAbsent(o.query() + '\u0000' + o.itemId(), k -> pairIds.size());
      click[i] = o.clicked();
      perPos[pos[i]]++;
    }
    int positions = maxPosition;
    while (positions > 1 && perPos[positions - 1] == 0) {
      positions--;
    }
    double[] theta = new double[positions];
    java.util.Arrays.fill(theta, 0.5);
    double[] gamma = new double[pairIds.size()];
    java.util.Arrays.fill(gamma, 0.5);
    int[] perPair = new int[gamma.length];
    for (int p : pair) {
      perPair[p]++;
    }
    for (int it = 0; it < maxIterations; it++) {
      double[] sumE = new double[positions];
      double[] sumR = new double[gamma.length];
      for (int i = 0; i < n; i++) {
        if (click[i]) {
          sumE[pos[i]] += 1;
          sumR[pair[i]] += 1;
        } else {
          double t = theta[pos[i]];
          double g = gamma[pair[i]];
          double d = 1 - t * g;
          sumE[pos[i]] += t * (1 - g) / d;
          sumR[pair[i]] += (1 - t) * g / d;
        }
      }
      double moved = 0;
      for (int k = 0; k < positions; k++) {
        double next = perPos[k] == 0 ? theta[k] : clamp(sumE[k] / perPos[k]);
        moved = Math.max(moved, Math.abs(next - theta[k]));
        theta[k] = next;
      }
      for (int p = 0; p < gamma.length; p++) {
        gamma[p] = clamp(sumR[p] / perPair[p]);
      }
      if (moved < tolerance) {
        break;
      }
    }
    double[] rel = new double[positions];
    for (int k = 0; k < positions; k++) {
      rel[k] = theta[k] / theta[0];
    }
    return new Propensities(rel);
  }

  private static double clamp(double v) {
    return Math.min(1 - EPS, Math.max(EPS, v));
  }
}
