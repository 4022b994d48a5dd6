package dev.funnel.rank;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Learning-to-rank data in SVMlight/LibSVM format as LightGBM reads it: lines
 * {@code label idx:value ...} (no {@code qid:}; a {@code qid:} token is rejected), with query
 * group sizes one per line in a separate file ({@code FILE.query}). Column {@code idx} of the dense
 * matrix is feature {@code idx} (LightGBM's convention), so the matrix has max index + 1 columns;
 * absent entries are 0. Errors name {@code file:line}, the field and the value.
 */
public record SvmLightData(float[][] features, float[] labels, int[] groups) {
  public SvmLightData {
    Checks.atLeast("rows", features.length, 1);
  }

  public int columns() {
    return features[0].length;
  }

  /** Reads {@code data} and its group file, padding rows to at least {@code minColumns}. */
  public static SvmLightData read(Path data, Path groupFile, int minColumns) throws IOException {
    List<float[]> sparseValues = new ArrayList<>();
    List<int[]> sparseIdx = new ArrayList<>();
    List<Float> labels = new ArrayList<>();
    int maxIdx = -1;
    try (BufferedReader in = Files.newBufferedReader(data)) {
      String line;
      int no = 0;
      while ((line = in.readLine()) != null) {
        no++;
        String s = line.strip();
        int hash = s.indexOf('#');
        if (hash >= 0) {
          s = s.substring(0, hash).strip();
        }
        if (s.isEmpty()) {
          continue;
        }
        String where = data + ":" + no;
        String[] tok = s.split("\\s+");
        float label = number(tok[0], where, "label");
        int[] idx = new int[tok.length - 1];
        float[] val = new float[tok.length - 1];
        for (int t = 1; t < tok.length; t++) {
          int colon = tok[t].indexOf(':');
          if (colon <= 0) {
            throw new InvalidInputException(where, "feature " + t, tok[t], "expected idx:value");
          }
          String key = tok[t].substring(0, colon);
          if (key.equals("qid")) {
            throw new InvalidInputException(where, "qid", tok[t], "expected group sizes in a .query file instead of qid: tokens");
          }
          int i;
          try {
            i = Integer.parseInt(key);
          } catch (NumberFormatException e) {
            throw new InvalidInputException(where, "feature index", key, "expected an integer >= 0");
          }
          if (i < 0) {
            throw new InvalidInputException(where, "feature index", key, "expected an integer >= 0");
          }
          if (t > 1 && i <= idx[t - 2]) {
            throw new InvalidInputException(where, "feature index", key, "expected indices in increasing order");
          }
          idx[t - 1] = i;
          val[t - 1] = number(tok[t].substring(colon + 1), where, "feature " + i);
          maxIdx = Math.max(maxIdx, i);
        }
        labels.add(label);
        sparseIdx.add(idx);
        sparseValues.add(val);
      }
    }
    if (labels.isEmpty()) {
      throw new InvalidInputException(data.toString(), "rows", 0, "expected at least one data line");
    }
    int cols = Math.max(maxIdx + 1, Math.max(minColumns, 1));
    float[][] x = new float[labels.size()][cols];
    float[] y = new float[labels.size()];
    for (int r = 0; r < y.length; r++) {
      y[r] = labels.get(r);
      int[] idx = sparseIdx.get(r);
      float[] val = sparseValues.get(r);
      for (int t = 0; t < idx.length; t++) {
        x[r][idx[t]] = val[t];
      }
    }
    return new SvmLightData(x, y, readGroups(groupFile, y.length));
  }

  /** Group sizes, one positive integer per line, summing to {@code rows}. */
  static int[] readGroups(Path file, int rows) throws IOException {
    List<Integer> g = new ArrayList<>();
    long sum = 0;
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String line;
      int no = 0;
      while ((line = in.readLine()) != null) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        int v;
        try {
          v = Integer.parseInt(line.strip());
        } catch (NumberFormatException e) {
          throw new InvalidInputException(file + ":" + no, "group size", line.strip(), "expected an integer >= 1");
        }
        if (v < 1) {
          throw new InvalidInputException(file + ":" + no, "group size", v, "expected an integer >= 1");
        }
        g.add(v);
        sum += v;
      }
    }
    if (sum != rows) {
      throw new InvalidInputException(file.toString(), "group sizes", "sum " + sum, "expected them to sum to the data's " + rows + " rows");
    }
    return g.stream().mapToInt(Integer::intValue).toArray();
  }

  private static float number(String s, String where, String field) {
    try {
      float f = Float.parseFloat(s);
      if (Float.isFinite(f)) {
        return f;
      }
    } catch (NumberFormatException e) {
      // reported below with the location
    }
    throw new InvalidInputException(where, field, s, "expected a finite number");
  }
}
