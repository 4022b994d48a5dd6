package dev.funnel.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The TalkingData AdTracking CSV (header {@code ip,app,device,os,channel,click_time,
 * attributed_time,is_attributed}), one ad click a row, in file order. Codes are integers, times
 * {@code yyyy-MM-dd HH:mm:ss} (UTC); {@code attributed_time} is empty for clicks without an
 * install. A row that does not parse is refused, naming {@code file:line}, the column and the value.
 */
public final class TalkingDataClicks {
  /** The columns of the header. */
  public static final List<String> COLUMNS = List.of("ip", "app", "device", "os", "channel", "click_time", "attributed_time", "is_attributed");
  /** {@link Click#attributedTime()} of a click without an install. */
  public static final long NOT_ATTRIBUTED = Long.MIN_VALUE;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private TalkingDataClicks() {}

  /**
   * One click.
   *
   * @param line the 1-based line of the row in its file (the header is line 1)
   * @param clickTime epoch seconds
   * @param attributedTime epoch seconds of the install, or {@link #NOT_ATTRIBUTED}
   * @param attributed the {@code is_attributed} label
   */
  public record Click(long line, int ip, int app, int device, int os, int channel, long clickTime, long attributedTime, boolean attributed) {
    /** The hour of day of the click, 0 to 23. */
    public int hour() {
      return (int) (Math.floorMod(clickTime, 86_400L) / 3600);
    }
  }

  public static List<Click> read(Path file) throws IOException {
    List<Click> out = new ArrayList<>();
    try (CsvFile csv = CsvFile.withHeader(file, COLUMNS)) {
      int[] col = new int[COLUMNS.size()];
      for (int i = 0; i < col.length; i++) {
        col[i] = csv.header().indexOf(COLUMNS.get(i));
      }
      for (CsvFile.Row r : csv) {
        long click = time(r, "click_time", r.get(col[5]));
        String at = r.get(col[6]);
        long attributed = at.isEmpty() ? NOT_ATTRIBUTED : time(r, "attributed_time", at);
        out.add(new Click(r.line(), r.integer(col[0], "ip"), r.integer(col[1], "app"), r.integer(col[2], "device"), r.integer(col[3], "os"),
            r.integer(col[4], "channel"), click, attributed, r.label(col[7], "is_attributed")));
      }
    }
    return out;
  }

  private static long time(CsvFile.Row r, String field, String s) {
    try {
      return LocalDateTime.parse(s, TIME).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw r.bad(field, s, "expected a time yyyy-MM-dd HH:mm:ss");
    }
  }
}
