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
