package dev.funnel.uncertainty;

import dev.funnel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The generic input, for any classifier's output or features (e.g. click logs of Funnel's
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
    try (BufferedReader r = Files.newBufferedReader(file)) {
      String header = r.readLine();
      if (header == null) {
        throw new InvalidInputException(file + ":1", "header", "", "expected a header line with a label column");
      }
      String[] cols = Csv.fields(header);
      int label = Arrays.asList(cols).indexOf("label");
      if (label < 0) {
        throw new InvalidInputException(file + ":1", "header", header, "expected a column named label");
      }
      int score = Arrays.asList(cols).indexOf("score");
      int unc = Arrays.asList(cols).indexOf("uncertainty");
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
      String line;
      int ln = 1;
      while ((line = r.readLine()) != null) {
        ln++;
        if (line.isBlank()) {
          continue;
        }
        String where = file + ":" + ln;
        String[] f = Csv.fields(line);
        if (f.length != cols.length) {
          throw new InvalidInputException(where, "columns", f.length, "expected " + cols.length + " columns like the header");
        }
        labels.add(Csv.label(f[label], where, "label"));
        if (scored) {
          su.add(new double[] {Csv.number(f[score], where, "score"), Csv.number(f[unc], where, "uncertainty")});
        } else {
          float[] x = new float[cols.length - 1];
          int j = 0;
          for (int c = 0; c < cols.length; c++) {
            if (c != label) {
              x[j++] = (float) Csv.number(f[c], where, cols[c]);
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
