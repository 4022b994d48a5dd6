package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
