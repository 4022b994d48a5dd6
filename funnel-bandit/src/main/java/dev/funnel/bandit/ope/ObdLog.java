package dev.funnel.bandit.ope;

import dev.funnel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Open Bandit Dataset log ({@code {random,bts}/{campaign}/{campaign}.csv}, Saito et al.
 * 2021): each row is one impression of {@code item_id} at {@code position} (1-3) with its
 * {@code click} and the logging policy's {@code propensity_score}. User features are not
 * needed by the context-free policies evaluated here and are not read. The number of items is
 * the row count of {@code item_context.csv} next to the log, else the largest item id + 1.
 */
public record ObdLog(Path file, int[] item, int[] position, double[] click, double[] propensity, int items, int positions) {

  public int size() {
    return item.length;
  }

  /** The on-policy CTR of the logging policy: the mean click. */
  public double ctr() {
    return Arrays.stream(click).average().orElse(Double.NaN);
  }

  public static ObdLog read(Path file) throws IOException {
    List<int[]> ip = new ArrayList<>();
    List<double[]> cp = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null) {
        throw new InvalidInputException(file + ":1", "header", null, "expected a CSV header with item_id,position,click,propensity_score");
      }
      List<String> cols = Arrays.asList(header.split(",", -1));
      int ci = column(file, cols, "item_id");
      int cpo = column(file, cols, "position");
      int cc = column(file, cols, "click");
      int cps = column(file, cols, "propensity_score");
      String line;
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        String where = file + ":" + lineNo;
        if (f.length < cols.size()) {
          throw new InvalidInputException(where, "columns", f.length, "expected " + cols.size() + " comma-separated values");
        }
        int item = parseInt(where, "item_id", f[ci], 0);
        int pos = parseInt(where, "position", f[cpo], 1);
        double click = parseDouble(where, "click", f[cc]);
        if (click != 0 && click != 1) {
          throw new InvalidInputException(where, "click", f[cc], "expected 0 or 1");
        }
        double prop = parseDouble(where, "propensity_score", f[cps]);
        if (!(prop > 0 && prop <= 1)) {
          throw new InvalidInputException(where, "propensity_score", f[cps], "expected a probability in (0, 1]");
        }
        ip.add(new int[] {item, pos});
        cp.add(new double[] {click, prop});
      }
    }
    if (ip.isEmpty()) {
      throw new InvalidInputException(file.toString(), "rows", 0, "expected at least one logged impression");
    }
    int n = ip.size();
    int[] item = new int[n];
    int[] pos = new int[n];
    double[] click = new double[n];
    double[] prop = new double[n];
    int maxItem = 0;
    int maxPos = 0;
    for (int i = 0; i < n; i++) {
      item[i] = ip.get(i)[0];
      pos[i] = ip.get(i)[1];
      click[i] = cp.get(i)[0];
      prop[i] = cp.get(i)[1];
      maxItem = Math.max(maxItem, item[i]);
      maxPos = Math.max(maxPos, pos[i]);
    }
    int items = maxItem + 1;
    Path context = file.resolveSibling("item_context.csv");
    if (Files.exists(context)) {
      try (var lines = Files.lines(context)) {
        long count = lines.filter(l -> !l.isBlank()).count() - 1;
        if (count < items) {
          throw new InvalidInputException(context.toString(), "rows", count, "expected at least " + items + " items (largest item_id in " + file + " is " + maxItem + ")");
        }
        items = (int) count;
      }
    }
    return new ObdLog(file, item, pos, click, prop, items, maxPos);
  }

  private static int column(Path file, List<String> cols, String name) {
    int i = cols.indexOf(name);
    if (i < 0) {
      throw new InvalidInputException(file + ":1", "header", String.join(",", cols), "expected a column named " + name);
    }
    return i;
  }

  private static int parseInt(String where, String field, String v, int min) {
    try {
      int x = Integer.parseInt(v.trim());
      if (x < min) {
        throw new InvalidInputException(where, field, v, "expected an integer >= " + min);
      }
      return x;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(where, field, v, "expected an integer");
    }
  }

  private static double parseDouble(String where, String field, String v) {
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(where, field, v, "expected a number");
    }
  }
}
