package dev.funnel.uncertainty;

import dev.funnel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TalkingData AdTracking sample ({@code conversions/talkingdata_sample/train_sample.csv}):
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
    try (BufferedReader r = Files.newBufferedReader(file)) {
      String header = r.readLine();
      if (header == null || !header.startsWith("ip,app,device,os,channel,click_time")) {
        throw new InvalidInputException(file + ":1", "header", header, "expected ip,app,device,os,channel,click_time,attributed_time,is_attributed");
      }
      String line;
      int ln = 1;
      while ((line = r.readLine()) != null) {
        ln++;
        String where = file + ":" + ln;
        String[] f = Csv.fields(line);
        if (f.length != 8) {
          throw new InvalidInputException(where, "columns", f.length, "expected 8 columns");
        }
        float[] x = new float[6];
        for (int c = 0; c < 5; c++) {
          x[c] = (float) Csv.number(f[c], where, FEATURES.get(c));
        }
        if (f[5].length() < 13) {
          throw new InvalidInputException(where, "click_time", f[5], "expected yyyy-MM-dd HH:mm:ss");
        }
        x[5] = (float) Csv.number(f[5].substring(11, 13), where, "click_time");
        rows.add(x);
        labels.add(Csv.label(f[7], where, "is_attributed"));
      }
    }
    boolean[] y = new boolean[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
    }
    return new FeatureTable(rows.toArray(float[][]::new), y, FEATURES);
  }
}
