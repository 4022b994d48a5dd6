package dev.funnel.uncertainty;

import dev.funnel.core.InvalidInputException;
import java.util.Arrays;

/**
 * A non-decreasing step function fitted by pool-adjacent-violators (PAV): the weighted
 * least-squares isotonic regression of {@code y} on {@code x} (Ayer et al. 1955; Barlow et al.
 * 1972; as used for probability calibration by Zadrozny and Elkan 2002). Equal {@code x} values
 * are pooled first, so ties get one value. {@code starts[k]} is the smallest {@code x} of block
 * {@code k} and {@code values[k]} its weighted mean label; values strictly increase.
 */
public record Isotonic(double[] starts, double[] values) {
  public Isotonic {
    if (starts.length != values.length || starts.length == 0) {
      throw new InvalidInputException("values", values.length, "expected one value per block start (" + starts.length + "), at least one");
    }
  }

  /** Fits on points {@code (x[i], y[i])} with weights {@code w[i] > 0} ({@code null} = all 1). */
  public static Isotonic fit(double[] x, double[] y, double[] w) {
    int n = x.length;
    if (n == 0 || y.length != n || (w != null && w.length != n)) {
      throw new InvalidInputException("x", n, "expected a non-empty input with one y (and weight) per x");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
    // Blocks on a stack: start x, weighted sum of y, total weight.
    double[] bx = new double[n];
    double[] sy = new double[n];
    double[] sw = new double[n];
    int top = -1;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      // A point tied with the previous one joins the last block, which always holds the previous point.
      boolean tie = k > 0 && x[order[k - 1]] == x[i];
      double wi = w == null ? 1 : w[i];
      if (!(wi > 0)) {
        throw new InvalidInputException("w[" + i + "]", wi, "expected a weight > 0");
      }
      if (tie) {
        sy[top] += wi * y[i];
        sw[top] += wi;
      } else {
        top++;
        bx[top] = x[i];
        sy[top] = wi * y[i];
        sw[top] = wi;
      }
      // Pool while the previous block's mean is not below the last block's mean.
      while (top > 0 && sy[top - 1] / sw[top - 1] >= sy[top] / sw[top]) {
        sy[top - 1] += sy[top];
        sw[top - 1] += sw[top];
        top--;
      }
    }
    double[] starts = Arrays.copyOf(bx, top + 1);
    double[] values = new double[top + 1];
    for (int k = 0; k <= top; k++) {
      values[k] = sy[k] / sw[k];
    }
    return new Isotonic(starts, values);
  }

  /** The fitted value at {@code x}: the value of the last block starting at or below it. */
  public double apply(double x) {
    int pos = Arrays.binarySearch(starts, x);
    int k = pos >= 0 ? pos : Math.max(0, -pos - 2);
    return values[k];
  }

  /**
   * The smallest block start whose value is at least {@code level}, so that {@code x >= result}
   * agrees with {@code apply(x) >= level} on the fitted range; +infinity when no block reaches it.
   */
  public double lowestStartReaching(double level) {
    for (int k = 0; k < values.length; k++) {
      if (values[k] >= level) {
        return starts[k];
      }
    }
    return Double.POSITIVE_INFINITY;
  }
}
