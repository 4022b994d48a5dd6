package dev.funnel.uncertainty;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.Arrays;

/**
 * Equal-weight (equal-count) bins over uncertainty. Bin {@code b} holds the uncertainties in
 * {@code [edges[b-1], edges[b])} (the first bin is open below, the last open above), so a value
 * equal to an edge belongs to the upper bin. Edges sit at the {@code b/bins} quantiles of the
 * fitted values; tied values never straddle an edge, so with many ties there are fewer bins
 * than asked (never an empty bin on the data they were fitted on).
 */
public record UncertaintyBins(double[] edges) {
  public UncertaintyBins {
    edges = edges.clone();
    for (int i = 0; i < edges.length; i++) {
      if (!Double.isFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
        throw new InvalidInputException("edges[" + i + "]", edges[i], "expected finite, strictly increasing bin edges");
      }
    }
  }

  /** One bin holding everything. */
  public static UncertaintyBins single() {
    return new UncertaintyBins(new double[0]);
  }

  /** Up to {@code bins} equal-count bins over {@code uncertainties}. */
  public static UncertaintyBins equalCount(double[] uncertainties, int bins) {
    Checks.atLeast("bins", bins, 1);
    if (uncertainties.length == 0) {
      throw new InvalidInputException("uncertainties", 0, "expected at least one value to fit bins on");
    }
    double[] s = uncertainties.clone();
    Arrays.sort(s);
    double[] edges = new double[bins - 1];
    int count = 0;
    for (int b = 1; b < bins; b++) {
      int at = (int) Math.round((double) b * s.length / bins);
      if (at <= 0 || at >= s.length) {
        continue;
      }
      double e = s[at];
      // The edge must separate two different values, and be above the previous edge.
      if (s[at - 1] == e) {
        int lo = at;
        while (lo > 0 && s[lo - 1] == e) {
          lo--;
        }
        int hi = at;
        while (hi < s.length && s[hi] == e) {
          hi++;
        }
        // Move the edge to the nearer side of the tie run.
        if (at - lo <= hi - at && lo > 0) {
          e = s[lo];
        } else if (hi < s.length) {
          e = s[hi];
        } else if (lo > 0) {
          e = s[lo];
        } else {
          continue;
        }
      }
      if (count == 0 || e > edges[count - 1]) {
        edges[count++] = e;
      }
    }
    return new UncertaintyBins(Arrays.copyOf(edges, count));
  }

  public int count() {
    return edges.length + 1;
  }

  /** The bin of an uncertainty. */
  public int index(double uncertainty) {
    int pos = Arrays.binarySearch(edges, uncertainty);
    return pos >= 0 ? pos + 1 : -pos - 1;
  }

  /** Bin of every value. */
  public int[] assign(double[] uncertainties) {
    int[] b = new int[uncertainties.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = index(uncertainties[i]);
    }
    return b;
  }
}
