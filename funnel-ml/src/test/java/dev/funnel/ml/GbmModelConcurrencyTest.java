package dev.funnel.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A served model under concurrent requests: explanations (SHAP contributions) and predictions
 * from 8 threads on one booster (unserialised, concurrent contributions corrupt LightGBM's native
 * heap and the JVM aborts with a malloc error), and the reference-counted lifetime (a closed model
 * stays usable by those who retained it and is freed after the last release).
 */
class GbmModelConcurrencyTest {
  static final int COLS = 10;
  static final int ROUNDS = 100;
  static final int LEAVES = 15;
  /** Explanation calls per thread (5 rows each): without serialised contributions the JVM aborted in 2 runs of 2. */
  static final int CALLS = 400;

  static GbmModel deepModel() {
    SplittableRandom r = new SplittableRandom(7);
    int rows = 2000;
    float[][] x = new float[rows][COLS];
    float[] y = new float[rows];
    int[] groups = new int[rows / 20];
    java.util.Arrays.fill(groups, 20);
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int j = 0; j < COLS; j++) {
        x[i][j] = (float) r.nextDouble();
        s += x[i][j] * (j + 1);
      }
      y[i] = (float) Math.min(4, Math.floor(s / 14));
    }
    return Gbm.train(new GbmDataset(x, y, null, groups, null), GbmParams.lambdaRank(ROUNDS, 7).withLeaves(LEAVES, 2));
  }

  @Test
  void contributionsAndPredictionsFromEightThreadsOnOneModel() throws Exception {
    try (GbmModel model = deepModel()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          long seed = t;
          done.add(pool.submit(() -> {
            SplittableRandom r = new SplittableRandom(seed);
            for (int call = 0; call < CALLS; call++) {
              float[][] rows = new float[5][COLS];
              for (float[] row : rows) {
                for (int j = 0; j < COLS; j++) {
                  row[j] = (float) r.nextDouble();
                }
              }
              double[][] c = model.contributions(rows);
              if (call % 10 != 0) {
                continue;
              }
              double[] p = model.predict(rows);
              for (int i = 0; i < rows.length; i++) {
                double sum = 0;
                for (double v : c[i]) {
                  sum += v;
                }
                assertEquals(p[i], sum, 1e-6, "contributions of row " + i + " sum to its score");
              }
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aClosedModelIsFreedAfterItsLastRelease() {
    GbmModel model = deepModel();
    float[][] row = {new float[COLS]};
    double before = model.predict(row)[0];
    assertTrue(model.retain(), "a request retains the served model");
    model.close();
    model.close(); // the owner's reference is given up once
    assertFalse(model.isFreed(), "still retained");
    assertEquals(before, model.predict(row)[0], 0, "a retained model still predicts after its owner closed it");
    model.release();
    assertTrue(model.isFreed());
    assertFalse(model.retain(), "a freed model cannot be retained");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.predict(row));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  @Test
  void aModelReadBackFromTextPredictsAsTheTrainedOne() {
    try (GbmModel model = deepModel(); GbmModel copy = GbmModel.load(model.serialize())) {
      float[][] rows = {new float[COLS], {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}};
      assertEquals(model.predict(rows)[1], copy.predict(rows)[1], 1e-12);
      assertEquals(model.contributions(rows)[1][3], copy.contributions(rows)[1][3], 1e-12);
    }
  }
}
