package dev.funnel.rank;

import dev.funnel.core.metrics.RankingMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mean nDCG@k over query groups of scored rows, in the two conventions one meets in LTR:
 * {@link Gain#LINEAR} is trec_eval's (gain = grade; a query without relevant rows scores 0) and
 * {@link Gain#EXPONENTIAL} is LightGBM's {@code ndcg} metric (gain = 2^grade - 1; a query without
 * relevant rows scores 1). Both rank by score descending, ties by input order (LightGBM's stable
 * sort), and both compute the per-query value with {@link RankingMetrics#ndcg}.
 */
public final class LtrMetrics {
  /** How grades become gains. */
  public enum Gain {
    LINEAR,
    EXPONENTIAL
  }

  private LtrMetrics() {}

  public static double meanNdcg(double[] scores, float[] labels, int[] groups, int k, Gain gain) {
    double sum = 0;
    int start = 0;
    for (int g : groups) {
      sum += ndcg(Arrays.copyOfRange(scores, start, start + g), Arrays.copyOfRange(labels, start, start + g), k, gain);
      start += g;
    }
    if (start != scores.length || scores.length != labels.length) {
      throw new IllegalArgumentException("groups: sizes sum to " + start + ", expected " + scores.length + " rows and labels");
    }
    return sum / groups.length;
  }

  /** nDCG@k of one query group. */
  public static double ndcg(double[] scores, float[] labels, int k, Gain gain) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    List<String> ranked = new ArrayList<>(order.length);
    Map<String, Double> grades = new HashMap<>();
    boolean anyRelevant = false;
    for (int i = 0; i < order.length; i++) {
      ranked.add(Integer.toString(order[i]));
      double g = gain == Gain.LINEAR ? labels[i] : Math.pow(2, labels[i]) - 1;
      grades.put(Integer.toString(i), g);
      anyRelevant |= g > 0;
    }
    if (!anyRelevant) {
      return gain == Gain.LINEAR ? 0 : 1;
    }
    return RankingMetrics.ndcg(ranked, grades, k);
  }
}
