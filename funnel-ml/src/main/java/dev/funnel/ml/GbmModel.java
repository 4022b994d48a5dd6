package dev.funnel.ml;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A trained LightGBM model. Predictions are thread-safe. {@link #serialize()} returns LightGBM's
 * text format, which {@link #load(String)} reads back; callers wrap it with their own provenance.
 *
 * <p><b>Lifetime.</b> The native booster is reference counted: the model starts with one
 * reference (its owner's, given up by {@link #close()}); {@link #retain()} takes another (false
 * once the count has reached zero) and {@link #release()} gives it back; the booster is freed when
 * the last reference goes. Every native call holds a reference for its duration, so a call can
 * never run on a freed booster: after the count reached zero a call fails with {@link
 * IllegalStateException} instead of touching freed memory. A server that swaps models retains the
 * model for each request ({@code RankingService}) and closes the replaced one at once; it is
 * freed when the last request that started on it finishes.
 *
 * <p><b>Thread safety of the native calls.</b> {@code LGBM_BoosterPredictForMat} builds a new
 * predictor per call under the booster's shared lock, so concurrent plain predictions are safe.
 * SHAP contributions ({@code predict_contrib}) are not: every such call first recomputes each
 * tree's {@code max_depth_} in place ({@code GBDT::InitPredict} → {@code Tree::RecomputeMaxDepth},
 * which sets it to the first leaf's depth and then raises it), while a concurrent call sizes its
 * TreeSHAP path buffer from that field ({@code Tree::PredictContrib}); reading the transient
 * smaller value, it writes past the buffer and corrupts the native heap. On trees read from model
 * text the first call also resizes each tree's leaf-depth vector. So contribution calls are
 * serialised per model, and every model computes one contribution at construction, before another
 * thread can see it. Single-row predictions go through the matrix call too (the single-row fast
 * path caches one predictor per booster). A freshly trained booster is not served as is: it points
 * to its training dataset, freed after training, so {@link Gbm#train} returns a copy read back
 * from its model text.
 */
public final class GbmModel implements AutoCloseable {
  private final LGBMBooster booster;
  private final int features;
  private final AtomicInteger references = new AtomicInteger(1);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object contributionLock = new Object();

  GbmModel(LGBMBooster booster, int features) {
    this.booster = booster;
    this.features = features;
    try {
      // computes every tree's leaf depths now, on one thread (see the class comment)
      booster.predictForMat(new float[features], 1, features, true, PredictionType.C_API_PREDICT_CONTRIB, PREDICT_PARAMS);
    } catch (LGBMException e) {
      throw new IllegalStateException("model: cannot prepare contributions (" + e.getMessage() + ")", e);
    }
  }

  public static GbmModel load(String text) {
    try {
      Gbm.ensureNative();
      LGBMBooster b = LGBMBooster.loadModelFromString(text);
      try {
        return new GbmModel(b, b.getNumFeature());
      } catch (RuntimeException | LGBMException e) {
        b.close();
        throw e;
      }
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
    enter();
    try {
      return booster.predictForMat(GbmDataset.flatten(rows), rows.length, features, true, PredictionType.C_API_PREDICT_NORMAL, PREDICT_PARAMS);
    } catch (LGBMException e) {
      throw new IllegalStateException("prediction failed: " + e.getMessage(), e);
    } finally {
      release();
    }
  }

  public double predict(float[] row) {
    check(row.length);
    return predict(new float[][] {row})[0];
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
    enter();
    try {
      double[] flat;
      synchronized (contributionLock) {
        flat = booster.predictForMat(GbmDataset.flatten(rows), rows.length, features, true, PredictionType.C_API_PREDICT_CONTRIB, PREDICT_PARAMS);
      }
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
    } finally {
      release();
    }
  }

  /** Gain-based importance of each feature. */
  public double[] importance() {
    enter();
    try {
      return booster.featureImportance(0, LGBMBooster.FeatureImportanceType.GAIN);
    } catch (LGBMException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } finally {
      release();
    }
  }

  public String serialize() {
    enter();
    try {
      return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
    } catch (LGBMException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } finally {
      release();
    }
  }

  private void check(int cols) {
    if (cols != features) {
      throw new IllegalArgumentException("features: expected " + features + " columns, got " + cols);
    }
  }

  /**
   * Takes a reference to the native model, or returns false when it has already been freed (its
   * owner closed it and every other reference was released). Give it back with {@link #release()}.
   */
  public boolean retain() {
    while (true) {
      int n = references.get();
      if (n == 0) {
        return false;
      }
      if (references.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Gives back a reference taken by {@link #retain()}; the last one frees the native model. */
  public void release() {
    int n = references.decrementAndGet();
    if (n < 0) {
      throw new IllegalStateException("model: released more often than retained");
    }
    if (n == 0) {
      try {
        booster.close();
      } catch (LGBMException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }

  /** Whether the native model has been freed. */
  public boolean isFreed() {
    return references.get() == 0;
  }

  private void enter() {
    if (!retain()) {
      throw new IllegalStateException("model: used after it was closed and released");
    }
  }

  /**
   * Gives up the owner's reference (once; later calls do nothing). The native model is freed now,
   * or when the last call or holder of {@link #retain()} releases it.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      release();
    }
  }
}
