package dev.funnel.ml;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;

/**
 * A trained LightGBM model. Predictions are thread-safe. {@link #serialize()} returns LightGBM's
 * text format, which {@link #load(String)} reads back; callers wrap it with their own provenance.
 */
public final class GbmModel implements AutoCloseable {
  private final LGBMBooster booster;
  private final int features;

  GbmModel(LGBMBooster booster, int features) {
    this.booster = booster;
    this.features = features;
  }

  public static GbmModel load(String text) {
    try {
      Gbm.ensureNative();
      LGBMBooster b = LGBMBooster.loadModelFromString(text);
      return new GbmModel(b, b.getNumFeature());
    } catch (LGBMException e) {
      throw new IllegalArgumentException("model: not a readable LightGBM model (" + e.getMessage() + ")", e);
    }
  }

  public int featureCount() {
    return features;
  }

  /**
   * Batch predictions run on the calling thread ({@code num_threads=1}): batches are one
   * request's candidates, where an OpenMP fork/join over 2 cores cost more than it saved (300
   * rows x 200 trees: p50 10.6 ms with 2 threads, 1.4 ms with 1, on the shared 2-core machine,
   * 2026-11-22, one-off timing loop over LambdaMartRanker.score); a server gets its parallelism from
   * concurrent requests instead.
   */
  private static final String PREDICT_PARAMS = "num_threads=1";

  /** Scores of many rows: probabilities for {@code binary}, raw scores for ranking objectives. */
  public double[] predict(float[][] rows) {
    if (rows.length == 0) {
      return new double[0];
    }
    check(rows[0].length);
    try {
      return booster.predictForMat(GbmDataset.flatten(rows), rows.length, features, true, PredictionType.C_API_PREDICT_NORMAL, PREDICT_PARAMS);
    } catch (LGBMException e) {
      throw new IllegalStateException("prediction failed: " + e.getMessage(), e);
    }
  }

  public double predict(float[] row) {
    check(row.length);
    try {
      return booster.predictForMatSingleRow(row, PredictionType.C_API_PREDICT_NORMAL);
    } catch (LGBMException e) {
      throw new IllegalStateException("prediction failed: " + e.getMessage(), e);
    }
  }

  /**
   * Per-feature contributions (SHAP values, LightGBM's {@code predict_contrib}) of each row:
   * {@code featureCount() + 1} numbers per row, the last being the expected value (bias). For
   * ranking and regression objectives each row's contributions sum to {@link #predict(float[])}.
   */
  public double[][] contributions(float[][] rows) {
    if (rows.length == 0) {
      return new double[0][];
    }
    check(rows[0].length);
    try {
      double[] flat = booster.predictForMat(GbmDataset.flatten(rows), rows.length, features, true, PredictionType.C_API_PREDICT_CONTRIB, PREDICT_PARAMS);
      int width = features + 1;
      if (flat.length != rows.length * width) {
        throw new IllegalStateException("contributions: expected " + rows.length * width + " values, got " + flat.length);
      }
      double[][] out = new double[rows.length][];
      for (int i = 0; i < rows.length; i++) {
        out[i] = java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width);
      }
      return out;
    } catch (LGBMException e) {
      throw new IllegalStateException("contribution prediction failed: " + e.getMessage(), e);
    }
  }

  /** Gain-based importance of each feature. */
  public double[] importance() {
    try {
      return booster.featureImportance(0, LGBMBooster.FeatureImportanceType.GAIN);
    } catch (LGBMException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public String serialize() {
    try {
      return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
    } catch (LGBMException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private void check(int cols) {
    if (cols != features) {
      throw new IllegalArgumentException("features: expected " + features + " columns, got " + cols);
    }
  }

  @Override
  public void close() {
    try {
      booster.close();
    } catch (LGBMException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
