package dev.funnel.delayed;

import dev.funnel.data.TalkingDataClicks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the TalkingData AdTracking CSV through the one TalkingData reader ({@link TalkingDataClicks}) ({@code ip,app,device,os,channel,click_time,
 * attributed_time,is_attributed}). Each row is a click; its conversion is the app install at
 * {@code attributed_time}. Features: app, device, os and channel codes (categorical), the hour,
 * and the clicks of the same ip and of the same (ip, app) before this one (counting is causal:
 * only earlier clicks). The data has no engagement events.
 */
public final class TalkingDataReader {
  static final FeatureSpec SPEC = new FeatureSpec(List.of("app", "device", "os", "channel", "hour", "ip_prior_clicks", "ip_app_prior_clicks"), Set.of(0, 1, 2, 3));

  private TalkingDataReader() {}

  public static ClickData read(Path file, long attributionWindow) throws IOException {
    List<TalkingDataClicks.Click> rows = new ArrayList<>(TalkingDataClicks.read(file));
    rows.sort(Comparator.comparingLong(TalkingDataClicks.Click::clickTime).thenComparingLong(TalkingDataClicks.Click::line));
    Map<Integer, Integer> ipCount = new HashMap<>();
    Map<Long, Integer> ipAppCount = new HashMap<>();
    List<Touch> touches = new ArrayList<>();
    for (TalkingDataClicks.Click row : rows) {
      int a = ipCount.merge(row.ip(), 1, Integer::sum) - 1;
      int b = ipAppCount.merge(((long) row.ip() << 20) ^ (long) row.app(), 1, Integer::sum) - 1;
      float hour = (float) ((row.clickTime() % 86_400) / 3600);
      String key = "r" + row.line();
      touches.add(Touch.click(key, row.clickTime(), new float[] {row.app(), row.device(), row.os(), row.channel(), hour, a, b}));
      if (row.attributedTime() != TalkingDataClicks.NOT_ATTRIBUTED) {
        touches.add(Touch.of(key, Touch.Kind.CONVERSION, Math.max(row.clickTime(), row.attributedTime())));
      }
    }
    return new ClickData("talkingdata:" + file, SPEC, JourneyAssembler.assemble(touches, attributionWindow).journeys(), attributionWindow, null);
  }
}
