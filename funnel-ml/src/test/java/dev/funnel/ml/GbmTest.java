package dev.funnel.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.BinaryMetrics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GbmTest {
  private static GbmDataset separable(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] x = new float[n][2];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = (float) r.nextDouble();
      x[i][1] = (float) r.nextDouble();
      y[i] = x[i][0] + 0.2 * r.nextGaussian() > 0.5 ? 1 : 0;
    }
    return new GbmDataset(x, y, null, null, null);
  }

  @Test
  void binaryClassifierLearnsAndRoundTrips() {
    GbmDataset d = separable(1, 2000);
    try (GbmModel m = Gbm.train(d, GbmParams.binary(50, 1))) {
      double[] p = m.predict(d.features());
      boolean[] y = new boolean[p.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = d.labels()[i] > 0;
      }
      assertTrue(BinaryMetrics.auc(p, y) > 0.85, "auc");
      try (GbmModel back = GbmModel.load(m.serialize())) {
        assertArrayEquals(p, back.predict(d.features()), 1e-12);
        assertEquals(p[3], back.predict(d.features()[3]), 1e-12);
      }
    }
  }

  @Test
  void sameSeedSameModel() {
    GbmDataset d = separable(2, 500);
    GbmParams p = GbmParams.binary(20, 5).withSampling(0.8, 0.8);
    try (GbmModel a = Gbm.train(d, p);
        GbmModel b = Gbm.train(d, p)) {
      assertArrayEquals(a.predict(d.features()), b.predict(d.features()), 0);
    }
  }

  @Test
  void lambdaRankNeedsGroupsAndBadShapesAreNamed() {
    GbmDataset d = separable(3, 100);
    assertThrows(IllegalArgumentException.class, () -> Gbm.train(d, GbmParams.lambdaRank(5, 1)));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new GbmDataset(new float[][] {{1}, {2}}, new float[] {1, 0}, null, new int[] {1, 2}, null));
    assertEquals("groups", e.field());
  }

  @Test
  void rankingContributionsSumToTheScore() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 400;
    float[][] x = new float[n][3];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = (float) r.nextDouble();
      x[i][1] = (float) r.nextDouble();
      x[i][2] = (float) r.nextDouble();
      y[i] = x[i][0] > 0.7 ? 2 : x[i][0] > 0.4 ? 1 : 0;
    }
    int[] groups = new int[20];
    java.util.Arrays.fill(groups, 20);
    try (GbmModel m = Gbm.train(new GbmDataset(x, y, null, groups, null), GbmParams.lambdaRank(20, 1).withLeaves(7, 5))) {
      double[] p = m.predict(x);
      double[][] c = m.contributions(x);
      double[] absByFeature = new double[3];
      for (int i = 0; i < n; i++) {
        assertEquals(4, c[i].length);
        double sum = 0;
        for (int j = 0; j < 4; j++) {
          sum += c[i][j];
        }
        assertEquals(p[i], sum, 1e-6, "row " + i);
        for (int j = 0; j < 3; j++) {
          absByFeature[j] += Math.abs(c[i][j]);
        }
      }
      assertTrue(absByFeature[0] > 10 * (absByFeature[1] + absByFeature[2]), "the label depends on feature 0 only");
      assertEquals(0, m.contributions(new float[0][]).length);
    }
  }

  @Test
  void libraryVersionNamesTheBinding() {
    assertTrue(Gbm.libraryVersion().startsWith("lightgbm4j 4."), Gbm.libraryVersion());
  }
}
