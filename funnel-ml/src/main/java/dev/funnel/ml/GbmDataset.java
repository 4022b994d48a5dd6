package dev.funnel.ml;

import dev.funnel.core.InvalidInputException;
import java.util.List;

/**
 * A training matrix: rows of features, labels, optional per-row weights and, for ranking,
 * optional query group sizes (consecutive rows form one group). Validates shapes on construction.
 */
public record GbmDataset(float[][] features, float[] labels, float[] weights, int[] groups, List<String> featureNames) {
  public GbmDataset {
    if (features.length == 0) {
      throw new InvalidInputException("features", 0, "expected at least one row");
    }
    int cols = features[0].length;
    for (int i = 0; i < features.length; i++) {
      if (features[i].length != cols) {
        throw new InvalidInputException("features[" + i + "]", features[i].length, "expected " + cols + " columns");
      }
    }
    if (labels.length != features.length) {
      throw new InvalidInputException("labels", labels.length, "expected one label per row (" + features.length + ")");
    }
    if (weights != null && weights.length != features.length) {
      throw new InvalidInputException("weights", weights.length, "expected one weight per row (" + features.length + ")");
    }
    if (weights != null) {
      for (int i = 0; i < weights.length; i++) {
        if (!(weights[i] >= 0) || !Float.isFinite(weights[i])) {
          throw new InvalidInputException("weights[" + i + "]", weights[i], "expected a finite weight >= 0");
        }
      }
    }
    if (groups != null) {
      long sum = 0;
      for (int g : groups) {
        if (g <= 0) {
          throw new InvalidInputException("groups", g, "expected group sizes >= 1");
        }
        sum += g;
      }
      if (sum != features.length) {
        throw new InvalidInputException("groups", sum, "expected group sizes summing to the row count " + features.length);
      }
    }
    if (featureNames != null && featureNames.size() != cols) {
      throw new InvalidInputException("featureNames", featureNames.size(), "expected one name per column (" + cols + ")");
    }
    featureNames = featureNames == null ? null : List.copyOf(featureNames);
  }

  public int rows() {
    return features.length;
  }

  public int cols() {
    return features[0].length;
  }

  static float[] flatten(float[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    float[] flat = new float[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * cols, cols);
    }
    return flat;
  }
}
