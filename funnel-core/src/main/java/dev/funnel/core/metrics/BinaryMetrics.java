package dev.funnel.core.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Metrics of scored binary predictions. AUC counts tied scores as half a win (Mann-Whitney);
 * PR-AUC is average precision with tied scores processed as one block; log loss clips
 * probabilities to [1e-15, 1 - 1e-15]. Optional non-negative weights apply per example.
 */
public final class BinaryMetrics {
  private static final double EPS = 1e-15;

  private BinaryMetrics() {}

  public static double auc(double[] scores, boolean[] labels) {
    return auc(scores, labels, null);
  }

  /** Weighted ROC AUC; NaN when one class has no weight. */
  public static double auc(double[] scores, boolean[] labels, double[] weights) {
    Integer[] order = order(scores);
    double pos = 0;
    double neg = 0;
    double area = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      double blockPos = 0;
      double blockNeg = 0;
      while (j < order.length && scores[order[j]] == scores[order[i]]) {
        int idx = order[j];
        double w = weights == null ? 1 : weights[idx];
        if (labels[idx]) {
          blockPos += w;
        } else {
          blockNeg += w;
        }
        j++;
      }
      // ascending scores: every positive in this block beats all negatives seen before it
      area += blockPos * neg + 0.5 * blockPos * blockNeg;
      pos += blockPos;
      neg += blockNeg;
      i = j;
    }
    return pos == 0 || neg == 0 ? Double.NaN : area / (pos * neg);
  }

  /** Average precision (area under the precision-recall curve, step-wise). */
  public static double prAuc(double[] scores, boolean[] labels) {
    Integer[] order = order(scores);
    double totalPos = 0;
    for (boolean l : labels) {
      totalPos += l ? 1 : 0;
    }
    if (totalPos == 0) {
      return Double.NaN;
    }
    double tp = 0;
    double seen = 0;
    double ap = 0;
    int i = order.length - 1;
    while (i >= 0) {
      int j = i;
      double blockPos = 0;
      double blockAll = 0;
      while (j >= 0 && scores[order[j]] == scores[order[i]]) {
        blockPos += labels[order[j]] ? 1 : 0;
        blockAll++;
        j--;
      }
      tp += blockPos;
      seen += blockAll;
      ap += (blockPos / totalPos) * (tp / seen);
      i = j;
    }
    return ap;
  }

  /** Mean negative log-likelihood of probabilities {@code p}. */
  public static double logLoss(double[] p, boolean[] labels) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double q = Math.min(1 - EPS, Math.max(EPS, p[i]));
      sum -= labels[i] ? Math.log(q) : Math.log(1 - q);
    }
    return sum / p.length;
  }

  private static Integer[] order(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    return order;
  }
}
