package dev.funnel.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RidgeModelTest {
  @Test
  void shermanMorrisonMatchesTheClosedForm() {
    // A = I + x1x1' + x2x2' = [[3,1],[1,2]], b = [1,0]; theta = A^-1 b = [0.4,-0.2]; A^-1[1][1] = 0.6
    RidgeModel m = new RidgeModel(2, 1);
    m.update(new double[] {1, 0}, 1);
    m.update(new double[] {1, 1}, 0);
    assertEquals(0.4, m.mean(new double[] {1, 0}), 1e-12);
    assertEquals(-0.2, m.mean(new double[] {0, 1}), 1e-12);
    assertEquals(0.6, m.variance(new double[] {0, 1}), 1e-12);
    assertEquals(0.4, m.variance(new double[] {1, 0}), 1e-12);
  }

  @Test
  void normalEquationSumsGiveTheModelOfRowByRowUpdates() {
    SplittableRandom r = new SplittableRandom(8);
    int dim = 6;
    RidgeModel online = new RidgeModel(dim, 1);
    double[][] gram = new double[dim][dim];
    double[] xty = new double[dim];
    for (int i = 0; i < 300; i++) {
      double[] x = new double[dim];
      for (int j = 0; j < dim; j++) {
        x[j] = r.nextDouble() < 0.5 ? 0 : r.nextGaussian();
      }
      double y = x[0] - 2 * x[3] + 0.1 * r.nextGaussian();
      online.update(x, y);
      for (int j = 0; j < dim; j++) {
        xty[j] += y * x[j];
        for (int k = 0; k < dim; k++) {
          gram[j][k] += x[j] * x[k];
        }
      }
    }
    RidgeModel batch = RidgeModel.ofSums(gram, xty, 1, 300);
    assertEquals(300, batch.observations());
    for (int t = 0; t < 20; t++) {
      double[] x = new double[dim];
      for (int j = 0; j < dim; j++) {
        x[j] = r.nextGaussian();
      }
      assertEquals(online.mean(x), batch.mean(x), 1e-10);
      assertEquals(online.variance(x), batch.variance(x), 1e-10);
    }
    // With no rows the model is the prior: θ = 0, A⁻¹ = I/λ.
    RidgeModel prior = RidgeModel.ofSums(new double[dim][dim], new double[dim], 2, 0);
    assertEquals(0, prior.mean(new double[] {1, 1, 1, 1, 1, 1}), 0);
    assertEquals(0.5, prior.variance(new double[] {1, 0, 0, 0, 0, 0}), 1e-15);
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.funnel.core.InvalidInputException.class, () -> RidgeModel.ofSums(new double[2][2], new double[3], 1, 0));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("gram"), e.getMessage());
  }

  @Test
  void posteriorSamplesHaveTheRightMeanAndVariance() {
    RidgeModel m = new RidgeModel(2, 1);
    m.update(new double[] {1, 0}, 1);
    m.update(new double[] {1, 1}, 0);
    long seed = 42;
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 40_000;
    double s = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double w1 = m.sample(0.5, rng)[1];
      s += w1;
      s2 += w1 * w1;
    }
    double mean = s / n;
    double var = s2 / n - mean * mean;
    assertEquals(-0.2, mean, 0.01, "seed " + seed);
    assertEquals(0.25 * 0.6, var, 0.01, "seed " + seed);
  }

  @Test
  void snapshotRoundTrips() {
    RidgeModel m = new RidgeModel(3, 2);
    m.update(new double[] {1, 2, 3}, 0.5);
    RidgeModel r = RidgeModel.restore(m.snapshot());
    double[] x = {0.3, -1, 2};
    assertEquals(m.mean(x), r.mean(x), 1e-15);
    assertEquals(m.variance(x), r.variance(x), 1e-15);
    assertEquals(1, r.observations());
  }
}
