package dev.funnel.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdEdgeCasesTest {
  @Test
  void tiedScoresAreAcceptedOrRejectedTogether() {
    CutCurve c = CutCurve.of(new double[] {0.5, 0.5, 0.5, 0.2}, new boolean[] {true, true, false, false});
    assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.5, 0.2}, c.thresholds());
    assertArrayEquals(new int[] {0, 2, 2}, c.tp());
    assertArrayEquals(new int[] {0, 1, 2}, c.fp());
    // 2/3 precision at the tie: a 0.7 target cannot split the tie, so it is unreachable.
    ScoredSet set = new ScoredSet(new double[] {0.5, 0.5, 0.5, 0.2}, new double[4], new boolean[] {true, true, false, false});
    for (ThresholdMethod m : ThresholdMethod.all()) {
      ThresholdTable t = m.fit(set, 0.7, 4);
      assertFalse(t.reachable(), m.name());
      assertEquals(2.0 / 3, t.bestAchievablePrecision(), 1e-12, m.name());
      assertTrue(Double.isInfinite(t.thresholds()[0]), m.name());
      assertEquals(0.5, m.fit(set, 0.6, 4).thresholds()[0], 1e-12, m.name());
    }
  }

  @Test
  void allEqualUncertaintiesGiveOneBin() {
    assertEquals(1, UncertaintyBins.equalCount(new double[] {0.3, 0.3, 0.3}, 8).count());
    UncertaintyBins b = UncertaintyBins.equalCount(new double[] {0.1, 0.1, 0.1, 0.1, 0.2, 0.3, 0.4, 0.5}, 4);
    // Ties never straddle an edge and no bin is empty on the fitted data.
    int[] counts = new int[b.count()];
    for (int x : b.assign(new double[] {0.1, 0.1, 0.1, 0.1, 0.2, 0.3, 0.4, 0.5})) {
      counts[x]++;
    }
    for (int c : counts) {
      assertTrue(c > 0);
    }
    assertEquals(b.index(0.1), b.index(0.1 + 0));
    assertEquals(1, b.index(b.edges()[0]));
  }

  @Test
  void emptyBinAcceptsNothing() {
    // Edges fitted elsewhere: the middle bin [0.2, 0.4) has no validation example.
    UncertaintyBins bins = new UncertaintyBins(new double[] {0.2, 0.4});
    ScoredSet set = new ScoredSet(new double[] {0.9, 0.8, 0.9, 0.1}, new double[] {0.1, 0.1, 0.5, 0.5}, new boolean[] {true, true, true, false});
    ThresholdTable t = DpThresholds.fitOn("dp", bins, set, 0.9);
    assertEquals(Double.POSITIVE_INFINITY, t.thresholds()[1]);
    assertEquals(0.8, t.thresholds()[0], 1e-12);
    assertEquals(0.9, t.thresholds()[2], 1e-12);
    assertEquals(1.0, t.validationRecall(), 1e-12);
    assertFalse(t.accept(0.99, 0.3));
  }

  @Test
  void unreachableTargetIsFlaggedWithBestPrecision() {
    ScoredSet set = new ScoredSet(new double[] {0.9, 0.8, 0.7, 0.6}, new double[] {0.1, 0.2, 0.3, 0.4}, new boolean[] {false, true, false, true});
    ThresholdTable t = new DpThresholds().fit(set, 0.9, 2);
    assertFalse(t.reachable());
    assertEquals(0.5, t.bestAchievablePrecision(), 1e-12);
    ScoredSet negatives = new ScoredSet(new double[] {0.9, 0.1}, new double[] {0.1, 0.2}, new boolean[] {false, false});
    ThresholdTable none = new GlobalThreshold().fit(negatives, 0.5, 1);
    assertFalse(none.reachable());
    assertEquals(0.0, none.bestAchievablePrecision(), 1e-12);
  }

  @Test
  void policyPicksTheClosestSafeTableAndNamesPrecisionOtherwise() {
    ThresholdTable t8 = new ThresholdTable("dp", 0.8, new double[] {0.5}, new double[] {0.6, 0.9}, true, 0.8, 0.5, 0.95, 10, 5);
    ThresholdTable t9 = new ThresholdTable("dp", 0.9, new double[] {0.5}, new double[] {0.7, Double.POSITIVE_INFINITY}, true, 0.9, 0.3, 0.95, 10, 5);
    ThresholdTable t99 = new ThresholdTable("dp", 0.99, new double[] {0.5}, new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, false, Double.NaN, 0, 0.95, 10, 5);
    DecisionPolicy p = new DecisionPolicy("dp", List.of(t9, t99, t8));
    assertEquals(0.8, p.tableFor(0.75).targetPrecision());
    assertEquals(0.9, p.tableFor(0.85).targetPrecision());
    assertTrue(p.accept(0.65, 0.1, 0.8));
    assertFalse(p.accept(0.65, 0.1, 0.9));
    assertFalse(p.accept(0.99, 0.6, 0.9));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.tableFor(0.95));
    assertEquals("precision", e.field());
    assertTrue(e.getMessage().contains("at most 0.9"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> new DecisionPolicy("dp", List.of(t8, new ThresholdTable("global", 0.9, new double[0], new double[] {0.5}, true, 1, 1, 1, 1, 1))));
  }

  @Test
  void tableJsonRoundTripKeepsInfinity() throws Exception {
    ThresholdTable t = new ThresholdTable("isotonic", 0.9, new double[] {0.5}, new double[] {0.7, Double.POSITIVE_INFINITY}, true, 0.91, 0.3, 0.95, 10, 5);
    com.fasterxml.jackson.databind.ObjectMapper om = new com.fasterxml.jackson.databind.ObjectMapper();
    ThresholdTable back = ThresholdTable.fromJson(om.readTree(om.writeValueAsString(t.toJson())), "test");
    assertArrayEquals(t.thresholds(), back.thresholds());
    assertArrayEquals(t.binEdges(), back.binEdges());
    assertEquals(t.validationPrecision(), back.validationPrecision());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new ThresholdTable("dp", 0.9, new double[] {0.5, 0.4}, new double[] {1, 1, 1}, true, 1, 1, 1, 1, 1));
    assertEquals("edges[1]", e.field());
  }
}
