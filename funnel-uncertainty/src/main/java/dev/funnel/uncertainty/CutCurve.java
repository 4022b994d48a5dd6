package dev.funnel.uncertainty;

import java.util.Arrays;

/**
 * All distinct decision cuts "accept when score >= t" on one group of examples, from the
 * strictest to the loosest. Cut 0 accepts nothing ({@code t = +infinity}); cut {@code j > 0}
 * accepts every example whose score is at least the {@code j}-th largest distinct score, so tied
 * scores are always accepted or rejected together. {@code tp[j]} and {@code fp[j]} count the
 * accepted positives and negatives; both never decrease with {@code j}.
 */
public record CutCurve(double[] thresholds, int[] tp, int[] fp) {

  /** The curve of {@code scores} with their {@code labels}. */
  public static CutCurve of(double[] scores, boolean[] labels) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    double[] th = new double[scores.length + 1];
    int[] tp = new int[scores.length + 1];
    int[] fp = new int[scores.length + 1];
    th[0] = Double.POSITIVE_INFINITY;
    int cuts = 0;
    int p = 0;
    int n = 0;
    for (int k = 0; k < order.length; k++) {
      int i = order[k];
      if (labels[i]) {
        p++;
      } else {
        n++;
      }
      boolean lastOfTie = k == order.length - 1 || scores[order[k + 1]] != scores[i];
      if (lastOfTie) {
        cuts++;
        th[cuts] = scores[i];
        tp[cuts] = p;
        fp[cuts] = n;
      }
    }
    return new CutCurve(Arrays.copyOf(th, cuts + 1), Arrays.copyOf(tp, cuts + 1), Arrays.copyOf(fp, cuts + 1));
  }

  public int cuts() {
    return thresholds.length;
  }

  /** The highest precision of any cut that accepts something, or NaN when the group is empty. */
  public double bestPrecision() {
    double best = Double.NaN;
    for (int j = 1; j < cuts(); j++) {
      double prec = (double) tp[j] / (tp[j] + fp[j]);
      if (Double.isNaN(best) || prec > best) {
        best = prec;
      }
    }
    return best;
  }
}
