package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionBiasEstimatorTest {
  @Test
  void recoversSimulatedPositionBasedModelPropensities() {
    for (long seed : new long[] {1, 2, 3}) {
      double eta = 0.5 + seed * 0.3;
      double[] theta = new double[10];
      for (int k = 0; k < 10; k++) {
        theta[k] = 0.9 * Math.pow(1.0 / (k + 1), eta);
      }
      ClickSimulation sim = new ClickSimulation(seed, 100, 10, 4000, theta, 0.5);
      Propensities p = new PositionBiasEstimator(10, 500, 1e-7).estimate(PositionBiasEstimator.observations(sim.trainingSet()));
      for (int k = 1; k <= 10; k++) {
        double truth = theta[k - 1] / theta[0];
        assertEquals(truth, p.at(k), 0.03 + 0.1 * truth, "seed " + seed + " eta " + eta + " position " + k + " estimated " + p);
      }
      assertEquals(p.at(10), p.at(25), 0, "deeper positions use the last estimate");
    }
  }

  /**
   * With (almost) every query-item pair shown once, per-pair EM cannot separate examination from
   * relevance; regression-EM shares relevance through the features and still recovers θ.
   */
  @Test
  void regressionEmRecoversPropensitiesWithoutRepeatedPairs() {
    long seed = 4;
    ClickSimulation sim = new ClickSimulation(seed, 3000, 10, 3000, ClickSimulation.powerLawPropensities(10, 1), 0.3);
    TrainingSet set = sim.trainingSet();
    List<PositionBiasEstimator.Observation> obs = PositionBiasEstimator.observations(set);
    List<float[]> x = set.groups().stream().flatMap(g -> g.rows().stream().map(TrainingSet.Row::features)).toList();
    PositionBiasEstimator est = new PositionBiasEstimator(10, 40, 1e-4);
    Propensities reg = est.estimateWithFeatures(obs, x, dev.funnel.ml.GbmParams.binary(20, seed).withLeaves(7, 50).withExtra("num_threads", "1"));
    Propensities pairs = new PositionBiasEstimator(10, 200, 1e-6).estimate(obs);
    double errReg = 0;
    double errPairs = 0;
    for (int k = 1; k <= 10; k++) {
      errReg = Math.max(errReg, Math.abs(reg.at(k) - 1.0 / k));
      errPairs = Math.max(errPairs, Math.abs(pairs.at(k) - 1.0 / k));
    }
    System.out.println("regression-EM " + reg + " max error " + errReg + "; per-pair EM " + pairs + " max error " + errPairs);
    assertTrue(errReg < 0.06, "seed " + seed + " regression-EM " + reg);
    assertTrue(errPairs > 4 * errReg, "seed " + seed + " per-pair EM " + pairs);
  }

  @Test
  void handComputedSingleIteration() {
    // One pair at positions 1 and 2, clicked at 1 only. Start θ = γ = 0.5.
    // Position 2, no click: E = θ(1-γ)/(1-θγ) = 0.25/0.75 = 1/3, so θ1 = 1, θ2 = 1/3 after one step.
    List<PositionBiasEstimator.Observation> obs = List.of(
        new PositionBiasEstimator.Observation("q", "a", 1, true), new PositionBiasEstimator.Observation("q", "a", 2, false));
    Propensities p = new PositionBiasEstimator(2, 1, 1e-9).estimate(obs);
    assertEquals((1.0 / 3) / (1 - 1e-6), p.at(2), 1e-6);
  }

  @Test
  void rejectsEmptyLogs() {
    assertThrows(InvalidInputException.class, () -> new PositionBiasEstimator(5, 10, 1e-6).estimate(List.of()));
    assertThrows(InvalidInputException.class, () -> new PositionBiasEstimator(0, 10, 1e-6));
  }
}
