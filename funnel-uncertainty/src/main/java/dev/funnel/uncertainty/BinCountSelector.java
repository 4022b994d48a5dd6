package dev.funnel.uncertainty;

import dev.funnel.core.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the number of uncertainty bins on the validation set alone, by 2-fold cross-validation
 * inside it: the validation set is split in two stratified halves; each candidate count is fitted
 * on one half and measured on the other, both ways. The winner has the highest mean held-out
 * recall among the candidates whose pooled held-out precision is at least
 * {@code target - tolerance}; ties go to fewer bins. When no candidate qualifies, the most
 * precise one is taken. Default candidates 1, 2, 4, 8, 16: 1 falls back to the global rule, 16
 * keeps at least a few hundred examples per bin for validation sets of 10^4 and more; the
 * tolerance 0.01 is half the precision slack the evaluation allows on test (0.02).
 */
public final class BinCountSelector {
  public static final int[] DEFAULT_CANDIDATES = {1, 2, 4, 8, 16};
  public static final double DEFAULT_TOLERANCE = 0.01;

  private final int[] candidates;
  private final double tolerance;

  public BinCountSelector(int[] candidates, double tolerance) {
    if (candidates.length == 0) {
      throw new dev.funnel.core.InvalidInputException("bins", "[]", "expected at least one candidate bin count");
    }
    for (int c : candidates) {
      Checks.atLeast("bins", c, 1);
    }
    this.candidates = candidates.clone();
    this.tolerance = Checks.inRange("tolerance", tolerance, 0, 1);
  }

  public static BinCountSelector defaults() {
    return new BinCountSelector(DEFAULT_CANDIDATES, DEFAULT_TOLERANCE);
  }

  /** Held-out figures of one candidate. */
  public record Trial(int bins, double meanRecall, double pooledPrecision) {}

  /** The chosen count and every trial. */
  public record Choice(int bins, List<Trial> trials) {}

  public Choice choose(ThresholdMethod method, ScoredSet validation, double precision, long seed) {
    if (!method.usesBins()) {
      return new Choice(1, List.of());
    }
    ScoredSet[] halves = validation.split(0.5, seed);
    List<Trial> trials = new ArrayList<>();
    Trial best = null;
    Trial mostPrecise = null;
    for (int k : candidates) {
      int tp = 0;
      int fp = 0;
      double recall = 0;
      for (int fold = 0; fold < 2; fold++) {
        ThresholdTable t = method.fit(halves[fold], precision, k);
        Confusion c = Confusion.of(t, halves[1 - fold]);
        tp += c.tp();
        fp += c.fp();
        recall += Double.isNaN(c.recall()) ? 0 : c.recall() / 2;
      }
      double prec = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
      Trial trial = new Trial(k, recall, prec);
      trials.add(trial);
      if (prec >= precision - tolerance && tp > 0 && (best == null || recall > best.meanRecall())) {
        best = trial;
      }
      if (!Double.isNaN(prec) && (mostPrecise == null || prec > mostPrecise.pooledPrecision())) {
        mostPrecise = trial;
      }
    }
    Trial chosen = best != null ? best : mostPrecise;
    return new Choice(chosen == null ? candidates[0] : chosen.bins(), trials);
  }
}
