package dev.funnel.delayed;

import dev.funnel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the TalkingData AdTracking CSV ({@code ip,app,device,os,channel,click_time,
 * attributed_time,is_attributed}). Each row is a click; its conversion is the app install at
 * {@code attributed_time}. Features: app, device, os and channel codes (categorical), the hour,
 * and the clicks of the same ip and of the same (ip, app) before this one (counting is causal:
 * only earlier clicks). The data has no engagement events.
 */
public final class TalkingDataReader {
  static final FeatureSpec SPEC = new FeatureSpec(List.of("app", "device", "os", "channel", "hour", "ip_prior_clicks", "ip_app_prior_clicks"), Set.of(0, 1, 2, 3));
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private TalkingDataReader() {}

  private record Row(int line, int ip, float app, float device, float os, float channel, long click, long conversion) {}

  public static ClickData read(Path file, long attributionWindow) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file)) {
      String header = r.readLine();
      if (header == null || !header.trim().startsWith("ip,app,device,os,channel,click_time,attributed_time")) {
        throw new InvalidInputException(file + ":1", "header", header, "expected ip,app,device,os,channel,click_time,attributed_time,is_attributed");
      }
      String line;
      int n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        String where = file + ":" + n;
        if (f.length < 7) {
          throw new InvalidInputException(where, "row", line, "expected 8 comma-separated columns");
        }
        long click = time(where, "click_time", f[5]);
        long conv = f[6].isBlank() ? Journey.NO_CONVERSION : time(where, "attributed_time", f[6]);
        rows.add(new Row(n, integer(where, "ip", f[0]), integer(where, "app", f[1]), integer(where, "device", f[2]), integer(where, "os", f[3]),
            integer(where, "channel", f[4]), click, conv));
      }
    }
    rows.sort(Comparator.comparingLong(Row::click).thenComparingInt(Row::line));
    Map<Integer, Integer> ipCount = new HashMap<>();
    Map<Long, Integer> ipAppCount = new HashMap<>();
    List<Touch> touches = new ArrayList<>();
    for (Row row : rows) {
      int a = ipCount.merge(row.ip(), 1, Integer::sum) - 1;
      int b = ipAppCount.merge(((long) row.ip() << 20) ^ (long) row.app(), 1, Integer::sum) - 1;
      float hour = (float) ((row.click() % 86_400) / 3600);
      String key = "r" + row.line();
      touches.add(Touch.click(key, row.click(), new float[] {row.app(), row.device(), row.os(), row.channel(), hour, a, b}));
      if (row.conversion() != Journey.NO_CONVERSION) {
        touches.add(Touch.of(key, Touch.Kind.CONVERSION, Math.max(row.click(), row.conversion())));
      }
    }
    return new ClickData("talkingdata:" + file, SPEC, JourneyAssembler.assemble(touches, attributionWindow).journeys(), attributionWindow, null);
  }

  private static long time(String where, String field, String s) {
    try {
      return LocalDateTime.parse(s.trim(), TIME).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(where, field, s, "expected a time yyyy-MM-dd HH:mm:ss");
    }
  }

  private static int integer(String where, String field, String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(where, field, s, "expected an integer");
    }
  }
}
