package dev.funnel.uncertainty;

import dev.funnel.core.InvalidInputException;
import dev.funnel.ml.GbmDataset;
import java.util.List;

/** Feature rows with binary labels and column names, ready for the ensemble. */
public record FeatureTable(float[][] features, boolean[] labels, List<String> names) {
  public FeatureTable {
    if (features.length != labels.length || features.length == 0) {
      throw new InvalidInputException("labels", labels.length, "expected one label per row (" + features.length + "), at least one row");
    }
    names = List.copyOf(names);
  }

  public FeatureTable subset(int[] idx) {
    float[][] x = new float[idx.length][];
    boolean[] y = new boolean[idx.length];
    for (int i = 0; i < idx.length; i++) {
      x[i] = features[idx[i]];
      y[i] = labels[idx[i]];
    }
    return new FeatureTable(x, y, names);
  }

  public GbmDataset dataset() {
    float[] y = new float[labels.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels[i] ? 1 : 0;
    }
    return new GbmDataset(features, y, null, null, names);
  }

  public int positives() {
    int p = 0;
    for (boolean l : labels) {
      p += l ? 1 : 0;
    }
    return p;
  }
}
