package dev.funnel.cli.retrieval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SVG of how {@code bench retrieval} figures grow with the catalog: two log-log panels over the
 * number of documents, query latency p99 per strategy and text-only indexing docs/s with the index
 * size per document. A point is drawn only where a run measured it.
 */
final class ScalingPlot {
  private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
  private static final int W = 900;
  private static final int H = 420;
  private static final int PANEL_W = 330;
  private static final int PANEL_H = 300;
  private static final int TOP = 40;

  private ScalingPlot() {}

  /** One measured point: documents and value. */
  record Point(double docs, double value) {}

  /** Writes the chart of {@code outputs} (each the JSON result of one {@code bench retrieval} run). */
  @SuppressWarnings("unchecked")
  static void write(List<Map<String, Object>> outputs, Path file) throws IOException {
    Map<String, List<Point>> latency = new LinkedHashMap<>();
    Map<String, List<Point>> indexing = new LinkedHashMap<>();
    for (Map<String, Object> o : outputs) {
      Map<String, Object> config = (Map<String, Object>) o.get("config");
      double docs = ((Number) config.get("docs")).doubleValue();
      Object vIdx = config.get("vector_index_docs");
      double vectorDocs = vIdx == null ? docs : ((Number) vIdx).doubleValue();
      Map<String, Object> lat = (Map<String, Object>) o.get("latency_ms");
      for (String s : List.of("bm25", "bm25-pop", "dense", "hybrid", "hybrid-rrf")) {
        Object m = lat.get(s);
        if (m instanceof Map<?, ?> mm && mm.get("p99") instanceof Number p99) {
          double x = s.startsWith("bm25") ? docs : vectorDocs;
          latency.computeIfAbsent(s + " p99", k -> new ArrayList<>()).add(new Point(x, p99.doubleValue()));
        }
      }
      Map<String, Object> idx = (Map<String, Object>) o.get("indexing");
      if (idx.get("text_only_docs_per_s") instanceof Number r) {
        indexing.computeIfAbsent("text-only docs/s", k -> new ArrayList<>()).add(new Point(docs, r.doubleValue()));
      }
      if (idx.get("word_average_vectors_docs_per_s") instanceof Number r) {
        indexing.computeIfAbsent("text + word-average vectors docs/s", k -> new ArrayList<>())
            .add(new Point(((Number) idx.get("word_average_vectors_docs")).doubleValue(), r.doubleValue()));
      }
      Map<String, Object> disk = (Map<String, Object>) o.get("index_disk");
      if (disk != null && disk.get("text_only_bytes") instanceof Number b) {
        indexing.computeIfAbsent("text-only index bytes/doc", k -> new ArrayList<>()).add(new Point(docs, b.doubleValue() / docs));
      }
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H));
    s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
    s.append("<text x=\"60\" y=\"18\" font-size=\"14\">bench retrieval: growth with the number of synthetic documents (log-log)</text>\n");
    panel(s, 60, "query latency p99 (ms)", latency);
    panel(s, 510, "indexing rate and index size", indexing);
    Files.writeString(file, s.append("</svg>\n").toString(), StandardCharsets.UTF_8);
  }

  private static void panel(StringBuilder s, int left, String title, Map<String, List<Point>> series) {
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    for (List<Point> ps : series.values()) {
      for (Point p : ps) {
        minX = Math.min(minX, p.docs());
        maxX = Math.max(maxX, p.docs());
        minY = Math.min(minY, p.value());
        maxY = Math.max(maxY, p.value());
      }
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", left, TOP - 6, title));
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
        left, TOP, PANEL_W, PANEL_H));
    if (series.isEmpty()) {
      return;
    }
    double x0 = Math.floor(Math.log10(minX));
    double x1 = Math.max(x0 + 1, Math.ceil(Math.log10(maxX)));
    double y0 = Math.floor(Math.log10(minY));
    double y1 = Math.max(y0 + 1, Math.ceil(Math.log10(maxY)));
    for (double e = x0; e <= x1; e++) {
      double px = left + PANEL_W * (e - x0) / (x1 - x0);
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n", px, px, TOP, TOP + PANEL_H));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">1e%d</text>%n", px, TOP + PANEL_H + 16, (int) e));
    }
    for (double e = y0; e <= y1; e++) {
      double py = TOP + PANEL_H - PANEL_H * (e - y0) / (y1 - y0);
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", left, left + PANEL_W, py, py));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left - 4, py + 4, label(e)));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">documents</text>%n", left + PANEL_W / 2, TOP + PANEL_H + 32));
    int c = 0;
    for (Map.Entry<String, List<Point>> e : series.entrySet()) {
      String colour = COLOURS[c % COLOURS.length];
      List<Point> ps = new ArrayList<>(e.getValue());
      ps.sort((a, b) -> Double.compare(a.docs(), b.docs()));
      StringBuilder path = new StringBuilder();
      for (Point p : ps) {
        double px = left + PANEL_W * (Math.log10(p.docs()) - x0) / (x1 - x0);
        double py = TOP + PANEL_H - PANEL_H * (Math.log10(p.value()) - y0) / (y1 - y0);
        path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
        s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, colour));
      }
      s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", path, colour));
      int ly = TOP + PANEL_H + 50 + 14 * (c % 3);
      int lx = left + (c / 3) * 190;
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>%n", lx, ly - 9, colour));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", lx + 14, ly, e.getKey()));
      c++;
    }
  }

  private static String label(double exponent) {
    double v = Math.pow(10, exponent);
    return v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
  }
}
