package dev.funnel.uncertainty;

import dev.funnel.core.InvalidInputException;
import java.util.Arrays;
import java.util.List;

/**
 * Picks one cut per group (uncertainty bin) to maximise the total true positives (recall)
 * subject to overall precision >= {@code P}. Exact.
 *
 * <p>Precision {@code TP / (TP + FP) >= P} is equivalent to {@code (1-P)·TP - P·FP >= 0}, a
 * knapsack constraint summed over the groups. The dynamic program runs over the integer total
 * of false positives: {@code best[f]} is the largest total TP reachable with exactly {@code f}
 * false positives over the groups seen so far, updated group by group as
 * {@code best'[f + fp_j] = max(best[f] + tp_j)} over the group's cuts {@code j}. Any feasible
 * selection has {@code FP <= (1-P)/P · TP <= (1-P)/P · Npos}, so {@code f} never needs to exceed
 * {@code F = floor((1-P)/P · Npos)}. For a fixed {@code f} a larger TP is better for both the
 * objective and the constraint, so the optimum is {@code max best[f]} over the {@code f} with
 * {@code (1-P)·best[f] >= P·f}; ties go to the smallest {@code f} (higher precision). Cost
 * {@code O(F · sum of cuts)}, memory {@code O(groups · F)} for the back-pointers. The method
 * follows the equal-weight binning dynamic program of Arora, Merugu, Saladi and Rastogi,
 * "Leveraging Uncertainty Estimates to Improve Classifier Performance" (arXiv:2311.11723).
 */
public final class RecallDp {
  private RecallDp() {}

  /** The chosen cut per group and the resulting totals; {@code tp == 0} means nothing feasible. */
  public record Solution(int[] cuts, int tp, int fp) {}

  public static Solution solve(List<CutCurve> groups, double precision) {
    if (!(precision > 0 && precision <= 1)) {
      throw new InvalidInputException("precision", precision, "expected a target precision in (0, 1]");
    }
    long positives = 0;
    for (CutCurve g : groups) {
      positives += g.tp()[g.cuts() - 1];
    }
    int maxFp = (int) Math.floor((1 - precision) / precision * positives + 1e-9);
    int[] best = new int[maxFp + 1];
    Arrays.fill(best, -1);
    best[0] = 0;
    int[][] choice = new int[groups.size()][maxFp + 1];
    for (int g = 0; g < groups.size(); g++) {
      CutCurve c = groups.get(g);
      int[] next = new int[maxFp + 1];
      Arrays.fill(next, -1);
      int[] ch = choice[g];
      for (int f = 0; f <= maxFp; f++) {
        if (best[f] < 0) {
          continue;
        }
        for (int j = 0; j < c.cuts(); j++) {
          int nf = f + c.fp()[j];
          if (nf > maxFp) {
            break;
          }
          int nt = best[f] + c.tp()[j];
          if (nt > next[nf]) {
            next[nf] = nt;
            ch[nf] = j;
          }
        }
      }
      best = next;
    }
    int bestF = 0;
    for (int f = 1; f <= maxFp; f++) {
      if (best[f] > best[bestF] && (1 - precision) * best[f] - precision * f >= -1e-9) {
        bestF = f;
      }
    }
    int[] cuts = new int[groups.size()];
    int f = bestF;
    for (int g = groups.size() - 1; g >= 0; g--) {
      cuts[g] = choice[g][f];
      f -= groups.get(g).fp()[cuts[g]];
    }
    return new Solution(cuts, best[bestF], bestF);
  }
}
