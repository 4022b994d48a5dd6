package dev.funnel.data;

import dev.funnel.core.Checks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Taobao UserBehavior CSV (Alibaba, Tianchi; no header: {@code user,item,category,behavior,
 * unix_ts}, behaviour one of {@code pv}, {@code cart}, {@code fav}, {@code buy}), in file order.
 * A row with another column count, another behaviour or a time that is not whole epoch seconds is
 * refused, naming {@code file:line}, the column and the value.
 */
public final class TaobaoUserBehavior {
  /** The columns, in file order. */
  public static final List<String> COLUMNS = List.of("user", "item", "category", "behavior", "unix_ts");

  private TaobaoUserBehavior() {}

  /** What a user did with an item. */
  public enum Behavior {
    PAGE_VIEW("pv"),
    CART("cart"),
    FAVOURITE("fav"),
    BUY("buy");

    private final String code;

    Behavior(String code) {
      this.code = code;
    }

    /** The code in the file. */
    public String code() {
      return code;
    }

    static Behavior parse(CsvFile.Row row, String v) {
      for (Behavior b : values()) {
        if (b.code.equals(v)) {
          return b;
        }
      }
      throw row.bad("behavior", v, "expected pv, cart, fav or buy");
    }
  }

  /**
   * One row.
   *
   * @param line the 1-based line of the row in its file
   * @param timestamp epoch seconds
   */
  public record Event(long line, String user, String item, String category, Behavior behavior, long timestamp) {
    public Event {
      Checks.nonBlank("user", user);
      Checks.nonBlank("item", item);
      Checks.nonBlank("category", category);
    }
  }

  public static List<Event> read(Path file) throws IOException {
    List<Event> out = new ArrayList<>();
    try (CsvFile csv = CsvFile.withoutHeader(file, COLUMNS.size())) {
      for (CsvFile.Row r : csv) {
        for (int c = 0; c < 3; c++) {
          if (r.get(c).isEmpty()) {
            throw r.bad(COLUMNS.get(c), r.get(c), "expected an id");
          }
        }
        Behavior b = Behavior.parse(r, r.get(3));
        long ts = r.longValue(4, "unix_ts", "expected epoch seconds");
        out.add(new Event(r.line(), r.get(0), r.get(1), r.get(2), b, ts));
      }
    }
    return out;
  }
}
