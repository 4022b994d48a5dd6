package dev.funnel.rank;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.Arrays;

/**
 * Examination propensities by display position, relative to position 1 (so {@code at(1) = 1}):
 * P(examined | position k) / P(examined | position 1). Positions past the last estimated one
 * use the last value.
 */
public record Propensities(double[] relative) {
  public Propensities {
    if (relative == null || relative.length == 0) {
      throw new InvalidInputException("relative", "[]", "expected at least one position");
    }
    for (int i = 0; i < relative.length; i++) {
      Checks.positive("relative[" + i + "]", relative[i]);
    }
    relative = relative.clone();
  }

  @Override
  public double[] relative() {
    return relative.clone();
  }

  public double at(int position) {
    Checks.atLeast("position", position, 1);
    return relative[Math.min(position, relative.length) - 1];
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("propensities[");
    for (int i = 0; i < relative.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4f", relative[i]));
    }
    return sb.append(']').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Propensities p && Arrays.equals(p.relative, relative);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(relative);
  }
}
