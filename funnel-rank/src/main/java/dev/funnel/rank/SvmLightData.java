package dev.funnel.rank;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.Inputs;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Learning-to-rank data in SVMlight/LETOR format, the one reader of it: lines {@code label
 * [qid:Q] idx:value ... [# comment]}.
 *
 * <ul>
 *   <li>Groups: with {@code qid:} tokens, each run of consecutive lines with the same qid is one
 *       query (LETOR, MSLR-WEB10K, Istella); without them, group sizes come one per line from a
 *       separate file ({@code FILE.query}, LightGBM's convention). A file mixing lines with and
 *       without qid is rejected.
 *   <li>Column {@code idx} of the dense matrix is feature {@code idx} (LightGBM's convention), so
 *       the matrix has max index + 1 columns.
 *   <li>Missing values: {@code NULL}, {@code NaN} and {@code NA} (any case) are read as NaN,
 *       which LightGBM treats as missing. Absent features are NaN too with {@link Absent#MISSING}
 *       and 0 with {@link Absent#ZERO} (sparse SVMlight, where omitted entries are zeros).
 *   <li>The text after {@code #} on a line is kept as the row's document id ({@link #ids()},
 *       {@code null} for a row without one).
 * </ul>
 *
 * Errors name {@code file:line}, the field and the value.
 */
public record SvmLightData(float[][] features, float[] labels, int[] groups, String[] ids, boolean inlineQids, long missingValues) {
  public SvmLightData {
    Checks.atLeast("rows", features.length, 1);
    if (ids == null) {
      ids = new String[features.length];
    }
  }

  public SvmLightData(float[][] features, float[] labels, int[] groups) {
    this(features, labels, groups, null, false, 0);
  }

  /** What an absent feature index on a line means. */
  public enum Absent {
    /** Missing (NaN): LETOR files list every feature they know. */
    MISSING,
    /** Zero: sparse SVMlight files omit zero entries. */
    ZERO;

    public static Absent parse(String s) {
      for (Absent a : values()) {
        if (a.name().equalsIgnoreCase(s)) {
          return a;
        }
      }
      throw new InvalidInputException("absent", s, "expected missing or zero");
    }
  }

  public int columns() {
    return features[0].length;
  }

  /** Reads {@code data} with absent features as 0 and groups from qids or {@code groupFile}. */
  public static SvmLightData read(Path data, Path groupFile, int minColumns) throws IOException {
    return read(data, groupFile, minColumns, Absent.ZERO);
  }

  /**
   * Reads {@code data}, padding rows to at least {@code minColumns}. Groups come from inline
   * {@code qid:} tokens or, without them, from {@code groupFile} (which must then exist).
   */
  public static SvmLightData read(Path data, Path groupFile, int minColumns, Absent absent) throws IOException {
    List<float[]> sparseValues = new ArrayList<>();
    List<int[]> sparseIdx = new ArrayList<>();
    List<Float> labels = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<Integer> qidGroups = new ArrayList<>();
    String lastQid = null;
    Boolean withQid = null;
    long missing = 0;
    int maxIdx = -1;
    try (BufferedReader in = Inputs.reader(data)) {
      String line;
      int no = 0;
      while ((line = in.readLine()) != null) {
        no++;
        String s = line.strip();
        String id = null;
        int hash = s.indexOf('#');
        if (hash >= 0) {
          id = s.substring(hash + 1).strip();
          id = id.isEmpty() ? null : id;
          s = s.substring(0, hash).strip();
        }
        if (s.isEmpty()) {
          continue;
        }
        String where = data + ":" + no;
        String[] tok = s.split("\\s+");
        float label = number(tok[0], where, "label");
        if (Float.isNaN(label)) {
          throw new InvalidInputException(where, "label", tok[0], "expected a finite number");
        }
        int first = 1;
        boolean hasQid = tok.length > 1 && tok[1].startsWith("qid:");
        if (withQid != null && withQid != hasQid) {
          throw new InvalidInputException(where, "qid", hasQid ? tok[1] : "(none)", "expected every line " + (withQid ? "with" : "without") + " a qid: token, like the first line");
        }
        withQid = hasQid;
        if (hasQid) {
          String q = tok[1].substring(4);
          if (q.isEmpty()) {
            throw new InvalidInputException(where, "qid", tok[1], "expected qid:ID");
          }
          if (q.equals(lastQid)) {
            qidGroups.set(qidGroups.size() - 1, qidGroups.get(qidGroups.size() - 1) + 1);
          } else {
            qidGroups.add(1);
            lastQid = q;
          }
          first = 2;
        }
        int[] idx = new int[tok.length - first];
        float[] val = new float[tok.length - first];
        for (int t = first; t < tok.length; t++) {
          int colon = tok[t].indexOf(':');
          if (colon <= 0) {
            throw new InvalidInputException(where, "feature " + (t - first + 1), tok[t], "expected idx:value");
          }
          String key = tok[t].substring(0, colon);
          if (key.equals("qid")) {
            throw new InvalidInputException(where, "qid", tok[t], "expected qid: right after the label");
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
          if (t > first && i <= idx[t - first - 1]) {
            throw new InvalidInputException(where, "feature index", key, "expected indices in increasing order");
          }
          idx[t - first] = i;
          float v = number(tok[t].substring(colon + 1), where, "feature " + i);
          missing += Float.isNaN(v) ? 1 : 0;
          val[t - first] = v;
          maxIdx = Math.max(maxIdx, i);
        }
        labels.add(label);
        sparseIdx.add(idx);
        sparseValues.add(val);
        ids.add(id);
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
      if (absent == Absent.MISSING) {
        java.util.Arrays.fill(x[r], Float.NaN);
      }
      int[] idx = sparseIdx.get(r);
      float[] val = sparseValues.get(r);
      for (int t = 0; t < idx.length; t++) {
        x[r][idx[t]] = val[t];
      }
    }
    int[] groups;
    if (Boolean.TRUE.equals(withQid)) {
      groups = qidGroups.stream().mapToInt(Integer::intValue).toArray();
    } else {
      if (groupFile == null || !Files.isRegularFile(groupFile)) {
        throw new InvalidInputException(data.toString(), "qid", groupFile == null ? "(no group file)" : groupFile.toString(),
            "expected qid: tokens on each line or group sizes in " + (groupFile == null ? "FILE.query" : groupFile));
      }
      groups = readGroups(groupFile, y.length);
    }
    return new SvmLightData(x, y, groups, ids.toArray(String[]::new), Boolean.TRUE.equals(withQid), missing);
  }

  /**
   * The queries at {@code queries} (indices into {@link #groups()}, increasing), with their rows,
   * labels and document ids, e.g. a held-out split.
   */
  public SvmLightData queries(int[] queries) {
    Checks.atLeast("queries", queries.length, 1);
    int[] start = new int[groups.length + 1];
    for (int g = 0; g < groups.length; g++) {
      start[g + 1] = start[g] + groups[g];
    }
    List<float[]> x = new ArrayList<>();
    List<Float> y = new ArrayList<>();
    List<String> id = new ArrayList<>();
    int[] sizes = new int[queries.length];
    long nan = 0;
    int last = -1;
    for (int i = 0; i < queries.length; i++) {
      int q = queries[i];
      if (q <= last || q >= groups.length) {
        throw new InvalidInputException("queries[" + i + "]", q, "expected increasing query indices below " + groups.length);
      }
      last = q;
      sizes[i] = groups[q];
      for (int r = start[q]; r < start[q + 1]; r++) {
        x.add(features[r]);
        y.add(labels[r]);
        id.add(ids[r]);
        for (float v : features[r]) {
          nan += Float.isNaN(v) ? 1 : 0;
        }
      }
    }
    float[] yy = new float[y.size()];
    for (int r = 0; r < yy.length; r++) {
      yy[r] = y.get(r);
    }
    return new SvmLightData(x.toArray(new float[0][]), yy, sizes, id.toArray(String[]::new), inlineQids, nan);
  }

  /** Rows that carry a document id (the text after {@code #}). */
  public long rowsWithId() {
    long n = 0;
    for (String id : ids) {
      n += id == null ? 0 : 1;
    }
    return n;
  }

  /** Rows whose value of some feature is NaN (missing), for reports. */
  public long rowsWithMissing() {
    long n = 0;
    for (float[] row : features) {
      for (float v : row) {
        if (Float.isNaN(v)) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  /**
   * Writes the data in the format LightGBM's own file loader reads (no qid, groups in {@code
   * FILE.query}, every column written, NaN as {@code nan}, each value as the shortest decimal of its
   * double), so LightGBM with {@code precise_float_parser=true} sees exactly the values this reader
   * produced.
   */
  public void writeForLightGbm(Path file) throws IOException {
    try (var out = Files.newBufferedWriter(file)) {
      StringBuilder b = new StringBuilder();
      for (int r = 0; r < labels.length; r++) {
        b.setLength(0);
        b.append(labels[r]);
        for (int c = 0; c < features[r].length; c++) {
          float v = features[r][c];
          // the shortest decimal of the value as a double: parsed precisely it is this float exactly
          b.append(' ').append(c).append(':').append(Float.isNaN(v) ? "nan" : Double.toString(v));
        }
        out.write(b.append('\n').toString());
      }
    }
    try (var out = Files.newBufferedWriter(file.resolveSibling(file.getFileName() + ".query"))) {
      for (int g : groups) {
        out.write(g + "\n");
      }
    }
  }

  /** Group sizes, one positive integer per line, summing to {@code rows}. */
  static int[] readGroups(Path file, int rows) throws IOException {
    List<Integer> g = new ArrayList<>();
    long sum = 0;
    try (BufferedReader in = Inputs.reader(file)) {
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
    if (s.equalsIgnoreCase("null") || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("na")) {
      return Float.NaN;
    }
    try {
      float f = Float.parseFloat(s);
      if (Float.isFinite(f)) {
        return f;
      }
    } catch (NumberFormatException e) {
      // reported below with the location
    }
    throw new InvalidInputException(where, field, s, "expected a finite number, or NULL / NaN for a missing value");
  }
}
