package dev.funnel.delayed;

import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A weighted binary training set produced by a {@link WeightingScheme}: feature rows (the
 * click-time features only, so training and serving see the same features), labels in
 * {0, 1} and finite non-negative weights.
 */
public record WeightedSet(float[][] features, float[] labels, float[] weights) {
  public WeightedSet {
    if (labels.length != features.length || weights.length != features.length) {
      throw new InvalidInputException("labels/weights", labels.length + "/" + weights.length, "expected one per row (" + features.length + ")");
    }
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || !Float.isFinite(weights[i])) {
        throw new InvalidInputException("weights[" + i + "]", weights[i], "expected a finite weight >= 0");
      }
      if (labels[i] != 0 && labels[i] != 1) {
        throw new InvalidInputException("labels[" + i + "]", labels[i], "expected 0 or 1");
      }
    }
  }

  public int size() {
    return labels.length;
  }

  /** Sum of the weights of rows labelled {@code label}. */
  public double weightOf(boolean label) {
    double s = 0;
    for (int i = 0; i < labels.length; i++) {
      if ((labels[i] == 1) == label) {
        s += weights[i];
      }
    }
    return s;
  }

  /** Collects rows; rows of weight 0 are dropped. */
  public static final class Builder {
    private final List<float[]> x = new ArrayList<>();
    private final List<Float> y = new ArrayList<>();
    private final List<Float> w = new ArrayList<>();

    public Builder add(float[] features, boolean label, double weight) {
      if (weight > 0) {
        x.add(features);
        y.add(label ? 1f : 0f);
        w.add((float) weight);
      }
      return this;
    }

    public WeightedSet build() {
      float[] ys = new float[y.size()];
      float[] ws = new float[w.size()];
      for (int i = 0; i < ys.length; i++) {
        ys[i] = y.get(i);
        ws[i] = w.get(i);
      }
      return new WeightedSet(x.toArray(new float[0][]), ys, ws);
    }
  }
}
