package dev.funnel.bandit.ope;

import dev.funnel.core.InvalidInputException;
import dev.funnel.data.ObdRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One Open Bandit Dataset log, read by the one OBD reader ({@link ObdRows}) ({@code {random,bts}/{campaign}/{campaign}.csv}, Saito et al.
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
    List<ObdRows.Impression> rows = ObdRows.read(file);
    if (rows.isEmpty()) {
      throw new InvalidInputException(file.toString(), "rows", 0, "expected at least one logged impression");
    }
    int n = rows.size();
    int[] item = new int[n];
    int[] pos = new int[n];
    double[] click = new double[n];
    double[] prop = new double[n];
    int maxItem = 0;
    int maxPos = 0;
    for (int i = 0; i < n; i++) {
      ObdRows.Impression r = rows.get(i);
      item[i] = r.item();
      pos[i] = r.position();
      click[i] = r.click();
      prop[i] = r.propensity();
      maxItem = Math.max(maxItem, item[i]);
      maxPos = Math.max(maxPos, pos[i]);
    }
    int items = maxItem + 1;
    Path context = file.resolveSibling("item_context.csv");
    if (Files.exists(context)) {
      long count = ObdRows.rows(context);
      if (count < items) {
        throw new InvalidInputException(context.toString(), "rows", count, "expected at least " + items + " items (largest item_id in " + file + " is " + maxItem + ")");
      }
      items = (int) count;
    }
    return new ObdLog(file, item, pos, click, prop, items, maxPos);
  }
}
