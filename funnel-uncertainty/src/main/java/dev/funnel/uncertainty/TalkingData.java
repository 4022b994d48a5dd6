package dev.funnel.uncertainty;

import dev.funnel.data.TalkingDataClicks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TalkingData AdTracking sample, read by the one TalkingData reader ({@link TalkingDataClicks}) ({@code conversions/talkingdata_sample/train_sample.csv}):
 * one row per ad click, {@code ip,app,device,os,channel,click_time,attributed_time,is_attributed}.
 * Features: ip, app, device, os, channel (ids used as numbers, which tree splits handle) and the
 * click hour of day; label: {@code is_attributed} (the app was installed). The attribution time is
 * not a feature (it is only known after the label).
 */
public final class TalkingData {
  public static final List<String> FEATURES = List.of("ip", "app", "device", "os", "channel", "hour");

  private TalkingData() {}

  public static FeatureTable read(Path file) throws IOException {
    List<float[]> rows = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    for (TalkingDataClicks.Click c : TalkingDataClicks.read(file)) {
      rows.add(new float[] {c.ip(), c.app(), c.device(), c.os(), c.channel(), c.hour()});
      labels.add(c.attributed());
    }
    boolean[] y = new boolean[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
    }
    return new FeatureTable(rows.toArray(float[][]::new), y, FEATURES);
  }
}
