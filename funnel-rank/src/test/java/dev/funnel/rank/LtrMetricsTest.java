package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LtrMetricsTest {
  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void handComputedBothConventions() {
    // scores rank rows 1, 0, 2; labels 1, 2, 0
    double[] s = {0.5, 0.9, 0.1};
    float[] y = {1, 2, 0};
    double dcgLin = 2 + 1 / log2(3);
    double idcgLin = 2 + 1 / log2(3);
    assertEquals(dcgLin / idcgLin, LtrMetrics.ndcg(s, y, 10, LtrMetrics.Gain.LINEAR), 1e-12);
    double[] s2 = {0.9, 0.5, 0.1};
    assertEquals((1 + 2 / log2(3)) / (2 + 1 / log2(3)), LtrMetrics.ndcg(s2, y, 10, LtrMetrics.Gain.LINEAR), 1e-12);
    assertEquals((1 + 3 / log2(3)) / (3 + 1 / log2(3)), LtrMetrics.ndcg(s2, y, 10, LtrMetrics.Gain.EXPONENTIAL), 1e-12);
    assertEquals(1.0 / 3, LtrMetrics.ndcg(s2, y, 1, LtrMetrics.Gain.EXPONENTIAL), 1e-12);
  }

  @Test
  void queriesWithoutRelevantRowsAndTiesFollowTheirConventions() {
    float[] none = {0, 0};
    assertEquals(0, LtrMetrics.ndcg(new double[] {1, 2}, none, 10, LtrMetrics.Gain.LINEAR));
    assertEquals(1, LtrMetrics.ndcg(new double[] {1, 2}, none, 10, LtrMetrics.Gain.EXPONENTIAL));
    // a tie keeps input order: the relevant second row ranks second
    assertEquals(1 / log2(3), LtrMetrics.ndcg(new double[] {1, 1}, new float[] {0, 1}, 10, LtrMetrics.Gain.LINEAR), 1e-12);
    assertEquals((1 + 1 / log2(3)) / 2,
        LtrMetrics.meanNdcg(new double[] {1, 1, 5}, new float[] {0, 1, 1}, new int[] {2, 1}, 10, LtrMetrics.Gain.LINEAR), 1e-12);
  }
}
