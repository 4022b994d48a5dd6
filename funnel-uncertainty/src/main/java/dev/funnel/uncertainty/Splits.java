package dev.funnel.uncertainty;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded stratified splits of example indices (positives and negatives shuffled separately). */
public final class Splits {
  private Splits() {}

  /**
   * Splits indices 0..n-1 into {@code fractions.length} parts; each part receives its fraction of
   * the positives and of the negatives (the last part takes the remainder).
   */
  public static int[][] stratified(boolean[] labels, double[] fractions, SplittableRandom rnd) {
    double sum = 0;
    for (double f : fractions) {
      Checks.inRange("fraction", f, 0, 1);
      sum += f;
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new InvalidInputException("fractions", sum, "expected fractions summing to 1");
    }
    List<List<Integer>> parts = new ArrayList<>();
    for (int p = 0; p < fractions.length; p++) {
      parts.add(new ArrayList<>());
    }
    for (boolean cls : new boolean[] {true, false}) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == cls) {
          members.add(i);
        }
      }
      for (int i = members.size() - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        Integer t = members.get(i);
        members.set(i, members.get(j));
        members.set(j, t);
      }
      int start = 0;
      double cum = 0;
      for (int p = 0; p < fractions.length; p++) {
        cum += fractions[p];
        int end = p == fractions.length - 1 ? members.size() : (int) Math.round(cum * members.size());
        parts.get(p).addAll(members.subList(start, Math.max(start, end)));
        start = Math.max(start, end);
      }
    }
    int[][] out = new int[fractions.length][];
    for (int p = 0; p < fractions.length; p++) {
      List<Integer> part = parts.get(p);
      part.sort(null);
      out[p] = part.stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }
}
