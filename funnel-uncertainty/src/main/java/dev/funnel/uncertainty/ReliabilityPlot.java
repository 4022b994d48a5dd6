package dev.funnel.uncertainty;

import dev.funnel.core.Checks;
import java.util.Arrays;
import java.util.Locale;

/**
 * An SVG reliability diagram per uncertainty level: for each of {@code levels} equal-count
 * uncertainty bins, examples are cut into {@code points} equal-count score bins and each bin is
 * drawn at (mean score, empirical positive rate). Curves that sag below the others at the same
 * score show that uncertain predictions are positive less often, which is what per-uncertainty
 * thresholds exploit. The dashed diagonal is perfect calibration.
 */
public final class ReliabilityPlot {
  private static final String[] COLORS = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"};
  private static final int W = 640;
  private static final int H = 480;
  private static final int L = 60;
  private static final int R = 200;
  private static final int T = 30;
  private static final int B = 50;

  private ReliabilityPlot() {}

  public static String svg(ScoredSet set, int levels, int points, String title) {
    Checks.atLeast("levels", levels, 1);
    Checks.atLeast("points", points, 2);
    UncertaintyBins bins = UncertaintyBins.equalCount(set.uncertainties(), Math.min(levels, COLORS.length));
    int[] bin = bins.assign(set.uncertainties());
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H));
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">%s</text>%n", L, escape(title)));
    double pw = W - L - R;
    double ph = H - T - B;
    sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"black\"/>%n", L, T, pw, ph));
    for (int k = 0; k <= 10; k += 2) {
      double v = k / 10.0;
      sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f</text>%n", L + v * pw, H - B + 16, v));
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>%n", L - 6, T + ph - v * ph + 4, v));
    }
    sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">score (mean per bin)</text>%n", L + pw / 2, H - 12));
    sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">empirical positive rate</text>%n", T + ph / 2, T + ph / 2));
    sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>%n", L, T + ph, L + pw, T));
    for (int b = 0; b < bins.count(); b++) {
      int n = 0;
      for (int x : bin) {
        n += x == b ? 1 : 0;
      }
      double[] s = new double[n];
      boolean[] y = new boolean[n];
      int j = 0;
      for (int i = 0; i < bin.length; i++) {
        if (bin[i] == b) {
          s[j] = set.scores()[i];
          y[j++] = set.labels()[i];
        }
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (p, q) -> Double.compare(s[p], s[q]));
      StringBuilder poly = new StringBuilder();
      int k = Math.min(points, n);
      for (int c = 0; c < k; c++) {
        int lo = (int) ((long) c * n / k);
        int hi = (int) ((long) (c + 1) * n / k);
        double ms = 0;
        double pos = 0;
        for (int i = lo; i < hi; i++) {
          ms += s[order[i]];
          pos += y[order[i]] ? 1 : 0;
        }
        double xs = Math.min(1, Math.max(0, ms / (hi - lo)));
        double yr = pos / (hi - lo);
        double px = L + xs * pw;
        double py = T + ph - yr * ph;
        poly.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>%n", px, py, COLORS[b]));
      }
      sb.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n", poly.toString().trim(), COLORS[b]));
      String range = (b == 0 ? "min" : fmt(bins.edges()[b - 1])) + " .. " + (b == bins.count() - 1 ? "max" : fmt(bins.edges()[b]));
      double ly = T + 10 + b * 18;
      sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>%n", L + pw + 12, ly, L + pw + 32, ly, COLORS[b]));
      sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">u %s (n=%d)</text>%n", L + pw + 36, ly + 4, range, n));
    }
    sb.append("</svg>\n");
    return sb.toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
