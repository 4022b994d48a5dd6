package dev.funnel.bandit.ope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.core.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IPS, SNIPS and DR on a three-round log computed by hand. */
class EstimatorTest {
  // row 0: logged a=0, mu=0.5, r=1, pi=[0.8,0.2], q=[0.6,0.3]  -> w=1.6
  // row 1: logged a=1, mu=0.25, r=0, pi=[0.8,0.2], q=[0.5,0.4] -> w=0.8
  // row 2: logged a=0, mu=0.5, r=0, pi=[0.5,0.5], q=[0.2,0.2]  -> w=1.0
  static final OpeData TINY =
      new OpeData(
          new double[] {1, 0, 0},
          new double[] {0.5, 0.25, 0.5},
          new int[] {0, 1, 0},
          new double[][] {{0.8, 0.2}, {0.8, 0.2}, {0.5, 0.5}},
          new double[][] {{0.6, 0.3}, {0.5, 0.4}, {0.2, 0.2}});

  @Test
  void ipsIsTheMeanOfWeightedRewards() {
    assertEquals(1.6 / 3, Estimator.IPS.estimate(TINY, TINY.allRows()), 1e-12);
  }

  @Test
  void snipsNormalisesByTheSumOfWeights() {
    assertEquals(1.6 / 3.4, Estimator.SNIPS.estimate(TINY, TINY.allRows()), 1e-12);
  }

  @Test
  void drAddsWeightedResidualsToTheModelValue() {
    // row 0: 0.54 + 1.6*(1-0.6) = 1.18; row 1: 0.48 + 0.8*(0-0.4) = 0.16; row 2: 0.2 + 1*(0-0.2) = 0
    assertEquals(1.34 / 3, Estimator.DR.estimate(TINY, TINY.allRows()), 1e-12);
  }

  @Test
  void selfNormalisedDrDividesWeightsByTheirMean() {
    // direct parts 0.54 + 0.48 + 0.2; residual terms 1.6*0.4 - 0.8*0.4 - 1*0.2 = 0.12, scaled by 1 / mean weight (3 / 3.4)
    assertEquals((1.22 + 0.12 * 3 / 3.4) / 3, Estimator.SNDR.estimate(TINY, TINY.allRows()), 1e-12);
    OpeData zero = new OpeData(new double[] {1}, new double[] {0.5}, new int[] {0}, new double[][] {{0, 1}}, new double[][] {{0.5, 0.5}});
    assertEquals(Double.NaN, Estimator.SNDR.estimate(zero, zero.allRows()), "undefined when every weight is 0");
  }

  @Test
  void switchDrDropsCorrectionsOfLargeWeights() {
    // tau = 1: row 0 (w = 1.6) keeps only its direct part 0.54; rows 1 and 2 are DR (0.16, 0)
    assertEquals(0.70 / 3, Estimator.switchDr(1.0).estimate(TINY, TINY.allRows()), 1e-12);
    assertEquals(Estimator.DR.estimate(TINY, TINY.allRows()), Estimator.switchDr(Double.POSITIVE_INFINITY).estimate(TINY, TINY.allRows()), 1e-12);
    assertEquals(1.22 / 3, Estimator.switchDr(0).estimate(TINY, TINY.allRows()), 1e-12, "tau 0 is the direct method");
    assertThrows(InvalidInputException.class, () -> Estimator.switchDr(-1));
  }

  @Test
  void estimatesAreClippedToTheRewardRange() {
    OffPolicyEvaluation.RewardRange unit = new OffPolicyEvaluation.RewardRange(0, 1);
    assertEquals(new OffPolicyEvaluation.Estimate(1, 0, 1), OffPolicyEvaluation.clip(new OffPolicyEvaluation.Estimate(1.019, -0.002, 1.4), unit));
    assertEquals(new OffPolicyEvaluation.Estimate(0.3, 0.2, 0.4), OffPolicyEvaluation.clip(new OffPolicyEvaluation.Estimate(0.3, 0.2, 0.4), unit));
    assertEquals(unit, OffPolicyEvaluation.RewardRange.of(TINY));
    assertThrows(InvalidInputException.class, () -> new OffPolicyEvaluation.RewardRange(1, 0));
  }

  @Test
  void repeatedRowsCountAsResampled() {
    assertEquals((1.6 + 1.6 + 0) / 3, Estimator.IPS.estimate(TINY, new int[] {0, 0, 1}), 1e-12);
    assertEquals(3.2 / 4.0, Estimator.SNIPS.estimate(TINY, new int[] {0, 0, 1}), 1e-12);
  }

  @Test
  void onPolicyDataGivesTheMeanRewardForEveryEstimator() {
    // target == logging policy: all weights 1, every estimator is the sample mean
    OpeData d = new OpeData(new double[] {1, 0, 1, 1}, new double[] {0.5, 0.5, 0.5, 0.5}, new int[] {0, 1, 1, 0}, new double[][] {{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}}, new double[][] {{0.3, 0.3}, {0.3, 0.3}, {0.3, 0.3}, {0.3, 0.3}});
    for (Estimator e : List.of(Estimator.IPS, Estimator.SNIPS, Estimator.DR)) {
      assertEquals(0.75, e.estimate(d, d.allRows()), 1e-12, e.name());
    }
  }

  @Test
  void bootstrapIntervalsAreSeededAndDegenerateOnConstantTerms() {
    OpeData constant = new OpeData(new double[] {1, 1, 1}, new double[] {0.5, 0.5, 0.5}, new int[] {0, 0, 0}, new double[][] {{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}}, new double[][] {{1, 1}, {1, 1}, {1, 1}});
    Map<String, OffPolicyEvaluation.Estimate> e = OffPolicyEvaluation.run(constant, List.of(Estimator.IPS, Estimator.SNIPS, Estimator.DR), 200, 5);
    e.values().forEach(x -> assertEquals(new OffPolicyEvaluation.Estimate(1, 1, 1), x));
    assertEquals(OffPolicyEvaluation.run(TINY, List.of(Estimator.DR), 300, 9), OffPolicyEvaluation.run(TINY, List.of(Estimator.DR), 300, 9));
  }

  @Test
  void weightDiagnostics() {
    Map<String, Double> w = OffPolicyEvaluation.weightDiagnostics(TINY);
    assertEquals(3.4 / 3, w.get("mean_weight"), 1e-12);
    assertEquals(1.6, w.get("max_weight"), 1e-12);
    assertEquals(3.4 * 3.4 / (2.56 + 0.64 + 1), w.get("effective_sample_size"), 1e-12);
  }

  @Test
  void badLogsFailNamingTheField() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new OpeData(new double[] {1}, new double[] {0}, new int[] {0}, new double[][] {{1}}, null));
    assertEquals("propensity[0]", e.field());
    e = assertThrows(InvalidInputException.class, () -> new OpeData(new double[] {1}, new double[] {1}, new int[] {2}, new double[][] {{1}}, null));
    assertEquals("logged[0]", e.field());
  }
}
