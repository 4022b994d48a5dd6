package dev.funnel.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsotonicTest {
  @Test
  void poolsViolatorsAsComputedByHand() {
    // y = 0 | 1 0 -> 0.5 | 0 -> (1,0,0) = 1/3 | 1 1 -> 1.
    Isotonic f = Isotonic.fit(new double[] {1, 2, 3, 4, 5, 6}, new double[] {0, 1, 0, 0, 1, 1}, null);
    assertArrayEquals(new double[] {1, 2, 5}, f.starts());
    assertArrayEquals(new double[] {0, 1.0 / 3, 1}, f.values(), 1e-12);
    assertEquals(1.0 / 3, f.apply(3.5), 1e-12);
    assertEquals(0, f.apply(0.5), 1e-12);
    assertEquals(1, f.apply(99), 1e-12);
    assertEquals(2, f.lowestStartReaching(0.3));
    assertEquals(Double.POSITIVE_INFINITY, f.lowestStartReaching(1.5));
  }

  @Test
  void alternatingLabels() {
    // 1 0 -> 0.5; then 1, 0 -> 0.5 pools with 0.5 (equal means merge): 4 points at 0.5; then 1.
    Isotonic f = Isotonic.fit(new double[] {1, 2, 3, 4, 5}, new double[] {1, 0, 1, 0, 1}, null);
    assertArrayEquals(new double[] {1, 5}, f.starts());
    assertArrayEquals(new double[] {0.5, 1}, f.values(), 1e-12);
  }

  @Test
  void weightsAndTies() {
    Isotonic w = Isotonic.fit(new double[] {2, 1}, new double[] {0, 1}, new double[] {1, 3});
    assertArrayEquals(new double[] {1}, w.starts());
    assertArrayEquals(new double[] {0.75}, w.values(), 1e-12);
    Isotonic t = Isotonic.fit(new double[] {1, 1, 2}, new double[] {1, 0, 1}, null);
    assertArrayEquals(new double[] {1, 2}, t.starts());
    assertArrayEquals(new double[] {0.5, 1}, t.values(), 1e-12);
  }

  @Test
  void fitIsMonotoneAndPreservesTheMean() {
    long seed = 7;
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int trial = 0; trial < 100; trial++) {
      int n = 1 + rnd.nextInt(50);
      double[] x = new double[n];
      double[] y = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        x[i] = rnd.nextInt(20);
        y[i] = rnd.nextDouble() < x[i] / 20 ? 1 : 0;
        sum += y[i];
      }
      Isotonic f = Isotonic.fit(x, y, null);
      double fitted = 0;
      for (int i = 0; i < n; i++) {
        fitted += f.apply(x[i]);
      }
      assertEquals(sum, fitted, 1e-9, "seed " + seed + " trial " + trial);
      for (int k = 1; k < f.values().length; k++) {
        assertEquals(true, f.values()[k] > f.values()[k - 1], "seed " + seed + " trial " + trial);
      }
    }
  }
}
