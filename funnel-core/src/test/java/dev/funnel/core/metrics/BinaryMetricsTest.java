package dev.funnel.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
  @Test
  void aucCountsTiesAsHalf() {
    // positives 0.8, 0.4; negatives 0.4, 0.1 -> pairs: (0.8>0.4) 1, (0.8>0.1) 1, (0.4=0.4) .5, (0.4>0.1) 1
    double[] s = {0.8, 0.4, 0.4, 0.1};
    boolean[] y = {true, true, false, false};
    assertEquals(3.5 / 4, BinaryMetrics.auc(s, y), 1e-12);
  }

  @Test
  void weightedAucScalesPairs() {
    double[] s = {0.9, 0.5, 0.1};
    boolean[] y = {false, true, false};
    // pos 0.5 beats 0.1 (weight 3) loses to 0.9 (weight 1): 3 / 4
    assertEquals(0.75, BinaryMetrics.auc(s, y, new double[] {1, 1, 3}), 1e-12);
  }

  @Test
  void aucIsNanWithOneClass() {
    assertTrue(Double.isNaN(BinaryMetrics.auc(new double[] {1, 2}, new boolean[] {true, true})));
  }

  @Test
  void averagePrecisionMatchesHandComputation() {
    // ranking by score: + - + -  -> AP = (1/1 + 2/3) / 2
    double[] s = {0.9, 0.8, 0.7, 0.6};
    boolean[] y = {true, false, true, false};
    assertEquals((1 + 2.0 / 3) / 2, BinaryMetrics.prAuc(s, y), 1e-12);
  }

  @Test
  void logLoss() {
    assertEquals(-(Math.log(0.8) + Math.log(0.75)) / 2,
        BinaryMetrics.logLoss(new double[] {0.8, 0.25}, new boolean[] {true, false}), 1e-12);
  }

  @Test
  void percentileInterpolatesAndBootstrapIsSeeded() {
    assertEquals(2.5, Summary.percentile(new double[] {4, 1, 3, 2}, 50), 1e-12);
    double[] xs = {0, 1, 0, 1, 1, 0, 1, 1};
    Summary.Interval a = Summary.bootstrapMean(xs, 500, 0.95, 7);
    Summary.Interval b = Summary.bootstrapMean(xs, 500, 0.95, 7);
    assertEquals(a, b);
    assertTrue(a.lo() <= 0.625 && 0.625 <= a.hi());
  }
}
