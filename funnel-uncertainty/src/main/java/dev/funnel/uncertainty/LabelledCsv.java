package dev.funnel.uncertainty;

import dev.funnel.core.InvalidInputException;
import dev.funnel.data.CsvFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic input, read by the one CSV reader ({@link CsvFile}: quoted fields, gzip), for any classifier's output or features (e.g. click logs of Funnel's
 * simulator): a CSV with a header and a {@code label} column (0/1). Either the columns are
 * {@code score,uncertainty,label} (already scored: thresholds are chosen directly), or every other
 * column is a numeric feature (scored by the bootstrap ensemble).
 */
public final class LabelledCsv {
  private LabelledCsv() {}

  /** One of the two shapes. */
  public sealed interface Content permits Scored, Features {}

  public record Scored(ScoredSet set) implements Content {}

  public record Features(FeatureTable table) implements Content {}

  public static Content read(Path file) throws IOException {
    try (CsvFile csv = CsvFile.withHeader(file, List.of("label"))) {
      String[] cols = csv.header().toArray(String[]::new);
      int label = csv.header().indexOf("label");
      int score = csv.header().indexOf("score");
      int unc = csv.header().indexOf("uncertainty");
      boolean scored = score >= 0 && unc >= 0 && cols.length == 3;
      List<String> names = new ArrayList<>();
      for (int c = 0; c < cols.length; c++) {
        if (c != label) {
          names.add(cols[c]);
        }
      }
      List<float[]> rows = new ArrayList<>();
      List<double[]> su = new ArrayList<>();
      List<Boolean> labels = new ArrayList<>();
      for (CsvFile.Row r : csv) {
        labels.add(r.label(label, "label"));
        if (scored) {
          su.add(new double[] {r.number(score, "score"), r.number(unc, "uncertainty")});
        } else {
          float[] x = new float[cols.length - 1];
          int j = 0;
          for (int c = 0; c < cols.length; c++) {
            if (c != label) {
              x[j++] = (float) r.number(c, cols[c]);
            }
          }
          rows.add(x);
        }
      }
      if (labels.isEmpty()) {
        throw new InvalidInputException(file.toString(), "rows", 0, "expected at least one data line");
      }
      boolean[] y = new boolean[labels.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = labels.get(i);
      }
      if (scored) {
        double[] s = new double[y.length];
        double[] u = new double[y.length];
        for (int i = 0; i < y.length; i++) {
          s[i] = su.get(i)[0];
          u[i] = su.get(i)[1];
        }
        return new Scored(new ScoredSet(s, u, y));
      }
      return new Features(new FeatureTable(rows.toArray(float[][]::new), y, names));
    }
  }
}
