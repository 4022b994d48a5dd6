package dev.funnel.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An Open Bandit Dataset log ({@code {random,bts}/{campaign}/{campaign}.csv}, Saito et al. 2021):
 * a header naming at least {@code item_id}, {@code position}, {@code click} and {@code
 * propensity_score}, one impression a row. Item ids are integers &gt;= 0, positions &gt;= 1,
 * clicks 0 or 1, propensities in (0, 1]; a row outside these is refused, naming {@code file:line},
 * the column and the value. User features are not read.
 */
public final class ObdRows {
  /** The columns read. */
  public static final List<String> COLUMNS = List.of("item_id", "position", "click", "propensity_score");

  private ObdRows() {}

  /** One logged impression. */
  public record Impression(long line, int item, int position, double click, double propensity) {}

  public static List<Impression> read(Path file) throws IOException {
    List<Impression> out = new ArrayList<>();
    try (CsvFile csv = CsvFile.withHeader(file, COLUMNS)) {
      for (CsvFile.Row r : csv) {
        int item = r.integer("item_id");
        if (item < 0) {
          throw r.bad("item_id", r.get("item_id"), "expected an integer >= 0");
        }
        int pos = r.integer("position");
        if (pos < 1) {
          throw r.bad("position", r.get("position"), "expected an integer >= 1");
        }
        double click = r.number("click");
        if (click != 0 && click != 1) {
          throw r.bad("click", r.get("click"), "expected 0 or 1");
        }
        double prop = r.number("propensity_score");
        if (!(prop > 0 && prop <= 1)) {
          throw r.bad("propensity_score", r.get("propensity_score"), "expected a probability in (0, 1]");
        }
        out.add(new Impression(r.line(), item, pos, click, prop));
      }
    }
    return out;
  }

  /** The number of data rows of a CSV file with a header (the items of {@code item_context.csv}). */
  public static long rows(Path file) throws IOException {
    long n = 0;
    try (CsvFile csv = CsvFile.withHeader(file, List.of())) {
      for (CsvFile.Row ignored : csv) {
        n++;
      }
    }
    return n;
  }
}
