package dev.funnel.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecallDpTest {
  @Test
  void matchesBruteForceOnSmallRandomInstances() {
    long seed = 20261122L;
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int trial = 0; trial < 400; trial++) {
      int bins = 1 + rnd.nextInt(4);
      List<CutCurve> curves = new ArrayList<>();
      for (int b = 0; b < bins; b++) {
        int n = rnd.nextInt(7);
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
          s[i] = rnd.nextInt(4) / 4.0; // few distinct values: ties are common
          y[i] = rnd.nextDouble() < 0.6;
        }
        curves.add(CutCurve.of(s, y));
      }
      double p = new double[] {0.5, 0.6, 2.0 / 3, 0.75, 0.8, 0.9, 1.0}[rnd.nextInt(7)];
      int[] brute = bruteForce(curves, p);
      RecallDp.Solution sol = RecallDp.solve(curves, p);
      String msg = "seed " + seed + " trial " + trial + " p " + p;
      assertEquals(brute[0], sol.tp(), msg);
      // The returned cuts must realise the reported totals and meet the target.
      int tp = 0;
      int fp = 0;
      for (int b = 0; b < bins; b++) {
        tp += curves.get(b).tp()[sol.cuts()[b]];
        fp += curves.get(b).fp()[sol.cuts()[b]];
      }
      assertEquals(sol.tp(), tp, msg);
      assertEquals(sol.fp(), fp, msg);
      assertEquals(brute[1], fp, msg + " (fewest false positives among optima)");
      assertTrue(tp == 0 || (double) tp / (tp + fp) >= p - 1e-12, msg);
    }
  }

  /** {max TP, min FP among the max-TP feasible selections} over all cut combinations. */
  private static int[] bruteForce(List<CutCurve> curves, double p) {
    int[] best = {0, 0};
    int[] idx = new int[curves.size()];
    while (true) {
      int tp = 0;
      int fp = 0;
      for (int b = 0; b < idx.length; b++) {
        tp += curves.get(b).tp()[idx[b]];
        fp += curves.get(b).fp()[idx[b]];
      }
      if ((1 - p) * tp - p * fp >= -1e-9 && (tp > best[0] || tp == best[0] && fp < best[1])) {
        best = new int[] {tp, fp};
      }
      int b = 0;
      while (b < idx.length && ++idx[b] == curves.get(b).cuts()) {
        idx[b] = 0;
        b++;
      }
      if (b == idx.length) {
        return best;
      }
    }
  }

  @Test
  void handWorkedTwoBins() {
    // Bin 0 (certain): 0.9+, 0.8+, 0.7-, bin 1 (uncertain): 0.95+, 0.9-, 0.85-.
    CutCurve certain = CutCurve.of(new double[] {0.9, 0.8, 0.7}, new boolean[] {true, true, false});
    CutCurve uncertain = CutCurve.of(new double[] {0.95, 0.9, 0.85}, new boolean[] {true, false, false});
    // Precision >= 0.75: take certain down to 0.8 (2 TP) and uncertain at 0.95 (1 TP): 3/3.
    RecallDp.Solution sol = RecallDp.solve(List.of(certain, uncertain), 0.75);
    assertEquals(3, sol.tp());
    assertEquals(0, sol.fp());
    assertArrayEquals(new int[] {2, 1}, sol.cuts());
    // Precision >= 0.5 allows one false positive more and no more positives exist: stays 3/3.
    assertEquals(3, RecallDp.solve(List.of(certain, uncertain), 0.5).tp());
  }

  @Test
  void rejectsBadPrecision() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> RecallDp.solve(List.of(), 0));
    assertEquals("precision", e.field());
  }
}
