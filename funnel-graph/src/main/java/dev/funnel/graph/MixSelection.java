package dev.funnel.graph;

import dev.funnel.core.InvalidInputException;
import java.util.List;
import java.util.Locale;

/**
 * How {@link ScoreMix} picks one candidate from the reciprocal ranks of the validation edges.
 *
 * <ul>
 *   <li>{@link #BEST}: the highest validation MRR (ties: the earlier candidate).
 *   <li>{@link #ONE_SE}: the one-standard-error rule with two levels of complexity. A candidate
 *       is <em>admissible</em> when its validation MRR is below the best one's by at most one
 *       standard error of the paired per-edge difference of reciprocal ranks
 *       ({@code mean(rr_best - rr_c) <= sd(rr_best - rr_c) / sqrt(m)}, m validation edges). The
 *       simple candidates are the three models of their own that the mix contains: the directed
 *       model (a = 0, b = 0), the symmetric model (a = 1, b = 0) and the prior alone (the
 *       in-degree baseline). When one of them is admissible the rule takes the admissible one with
 *       the highest validation MRR; otherwise the best candidate. A mixture thus replaces the
 *       best single model only when the validation edges show, beyond their own noise, that it
 *       ranks better: a gain smaller than the noise of a few hundred validation edges does not
 *       carry over to new edges. On a graph where the symmetric model is as good as any mix within
 *       that noise, the rule returns it exactly, so BLADE scores like {@code sage} there.
 * </ul>
 */
public enum MixSelection {
  BEST,
  ONE_SE;

  /** Parses {@code best} or {@code one-se}. */
  public static MixSelection parse(String s) {
    return switch (s == null ? "" : s.strip().toLowerCase(Locale.ROOT)) {
      case "best" -> BEST;
      case "one-se" -> ONE_SE;
      default -> throw new InvalidInputException("mix-selection", s, "expected best or one-se");
    };
  }

  public String label() {
    return this == BEST ? "best" : "one-se";
  }

  /**
   * The index of the selected candidate; {@code rr[i][k]} is the reciprocal rank of validation
   * edge i under candidate k and {@code sum[k]} its sum over the edges.
   */
  int select(double[][] rr, double[] sum, List<ScoreMix.Candidate> cands) {
    int best = 0;
    for (int k = 1; k < sum.length; k++) {
      if (sum[k] > sum[best]) {
        best = k;
      }
    }
    int m = rr.length;
    if (this == BEST || m < 2) {
      return best;
    }
    if (cands.get(best).single()) {
      return best;
    }
    int pick = -1;
    for (int k = 0; k < sum.length; k++) {
      if (cands.get(k).single() && admissible(rr, best, k) && (pick < 0 || sum[k] > sum[pick])) {
        pick = k;
      }
    }
    return pick < 0 ? best : pick;
  }

  /** Whether candidate k's MRR is within one paired standard error of candidate {@code best}'s. */
  static boolean admissible(double[][] rr, int best, int k) {
    int m = rr.length;
    double mean = 0;
    for (double[] row : rr) {
      mean += row[best] - row[k];
    }
    mean /= m;
    double ss = 0;
    for (double[] row : rr) {
      double x = row[best] - row[k] - mean;
      ss += x * x;
    }
    double se = Math.sqrt(ss / (m - 1) / m);
    return mean <= se;
  }
}
