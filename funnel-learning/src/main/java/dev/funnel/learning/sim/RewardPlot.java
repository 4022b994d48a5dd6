package dev.funnel.learning.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An SVG line chart of reward per search over the simulation's timeline, one line per policy
 * (x: searches so far, y: mean reward per search in each checkpoint window).
 */
public final class RewardPlot {
  private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  private static final int W = 760;
  private static final int H = 440;
  private static final int LEFT = 60;
  private static final int RIGHT = 190;
  private static final int TOP = 30;
  private static final int BOTTOM = 50;

  private RewardPlot() {}

  /** Writes the chart of {@code result} (as returned by {@link LoopSimulation#run}) to {@code file}. */
  @SuppressWarnings("unchecked")
  public static void write(Map<String, Object> result, Path file) throws IOException {
    List<Map<String, Object>> timeline = (List<Map<String, Object>>) result.get("timeline");
    Set<String> policies = new LinkedHashSet<>(((Map<String, Object>) result.get("policies")).keySet());
    double maxX = ((Number) timeline.get(timeline.size() - 1).get("searches")).doubleValue();
    double minY = 1;
    double maxY = 0;
    for (Map<String, Object> p : timeline) {
      for (Object v : ((Map<String, Object>) p.get("policies")).values()) {
        double y = ((Number) ((Map<String, Object>) v).get("reward_per_search")).doubleValue();
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
    minY = Math.max(0, Math.floor(minY * 10 - 0.5) / 10);
    maxY = Math.min(1, Math.ceil(maxY * 10 + 0.5) / 10);
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H));
    s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">Reward per search over time (seed %s, %s searches)</text>%n",
        LEFT, result.get("seed"), result.get("searches")));
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n", LEFT, TOP, pw, ph));
    for (int t = 0; t <= 5; t++) {
      double y = minY + (maxY - minY) * t / 5;
      double py = TOP + ph - ph * t / 5.0;
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, LEFT + pw, py, py));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", LEFT - 6, py + 4, y));
      double x = maxX * t / 5;
      double px = LEFT + pw * t / 5.0;
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f</text>%n", px, TOP + ph + 18, x));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">searches</text>%n", LEFT + pw / 2, H - 10));
    int c = 0;
    for (String policy : policies) {
      List<String> pts = new ArrayList<>();
      for (Map<String, Object> p : timeline) {
        Map<String, Object> m = (Map<String, Object>) ((Map<String, Object>) p.get("policies")).get(policy);
        if (m == null) {
          continue;
        }
        double x = ((Number) p.get("searches")).doubleValue();
        double y = ((Number) m.get("reward_per_search")).doubleValue();
        pts.add(String.format(Locale.ROOT, "%.1f,%.1f", LEFT + pw * x / maxX, TOP + ph - ph * (y - minY) / (maxY - minY)));
      }
      String colour = COLOURS[c % COLOURS.length];
      String dash = policy.startsWith("fixed:") ? " stroke-dasharray=\"5,3\"" : "";
      s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n", colour, dash, String.join(" ", pts)));
      int ly = TOP + 10 + 18 * c;
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n", LEFT + pw + 12, LEFT + pw + 36, ly, ly, colour, dash));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + pw + 42, ly + 4, escape(policy)));
      c++;
    }
    s.append("</svg>\n");
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
