package dev.funnel.cli.uncertainty;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import dev.funnel.delayed.ClickData;
import dev.funnel.delayed.EventLogSource;
import dev.funnel.delayed.Journey;
import dev.funnel.events.FileEventLog;
import dev.funnel.uncertainty.FeatureTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Labelled rows from an event log (the product's, or the click simulator's, which writes the same
 * format). {@link #read}: click rows for the conversion decision model: the click
 * features of {@link EventLogSource} (the code path serving uses too) and whether the click
 * converted within the attribution window. Only mature clicks are kept (the window has passed
 * before the last event of the log), so every label is final: thresholds chosen for a precision
 * must be checked against final labels, never against conversions that may still arrive.
 */
final class EventLogExamples {
  private EventLogExamples() {}

  /** The rows and counts of the log in {@code dir}. */
  record Examples(FeatureTable table, int clicks, int immature, long asOf) {}

  static Examples read(Path dir, long attributionWindow) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("--data", dir, "expected an existing event log folder for --format events");
    }
    ClickData data;
    try (FileEventLog log = FileEventLog.open(dir)) {
      data = EventLogSource.read(log, attributionWindow);
    }
    long asOf = 0;
    for (Journey j : data.journeys()) {
      asOf = Math.max(asOf, j.clickTime());
      asOf = Math.max(asOf, j.converted() ? j.conversionTime() : 0);
      long[] e = j.engagementTimes();
      asOf = Math.max(asOf, e.length == 0 ? 0 : e[e.length - 1]);
    }
    List<float[]> rows = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    int immature = 0;
    for (Journey j : data.journeys()) {
      if (j.clickTime() + attributionWindow > asOf) {
        immature++;
        continue;
      }
      rows.add(j.features());
      labels.add(j.converted());
    }
    if (rows.isEmpty()) {
      throw new InvalidInputException("--data", dir, "expected clicks older than the attribution window (" + data.journeys().size()
          + " clicks, none mature): the log needs more history, or a shorter --attribution-window");
    }
    boolean[] y = new boolean[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
    }
    return new Examples(new FeatureTable(rows.toArray(new float[0][]), y, EventLogSource.SPEC.names()), data.journeys().size(), immature, asOf);
  }

  /** Feature names of the click model's impression rows. */
  static final List<String> CLICK_FEATURES = List.of("position", "hour", "item_prior_impressions", "item_prior_clicks");

  /**
   * Impression rows for a click model ({@code --format clicks}): one row per impression, label =
   * the same request clicked the same item; features: the position, the hour, and the item's
   * impressions and clicks before this impression (in time order), so that items seen rarely
   * carry their thin evidence into the model's uncertainty.
   */
  static FeatureTable clicks(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("--data", dir, "expected an existing event log folder for --format clicks");
    }
    List<Event> events = new ArrayList<>();
    try (FileEventLog log = FileEventLog.open(dir)) {
      log.scan(events::add);
    }
    events.sort(Comparator.comparing(Event::timestamp)); // stable: a request's impressions before its clicks
    Set<String> clicked = new HashSet<>();
    for (Event e : events) {
      if (e.type() == EventType.CLICK) {
        clicked.add(e.requestId() + "\u0000" + e.itemId());
      }
    }
    Map<String, int[]> seen = new HashMap<>(); // item -> {impressions, clicks} so far
    List<float[]> rows = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    for (Event e : events) {
      int[] c = seen.computeIfAbsent(e.itemId(), k -> new int[2]);
      if (e.type() == EventType.IMPRESSION) {
        long s = e.timestamp().getEpochSecond();
        rows.add(new float[] {e.position(), (float) (Math.floorMod(s, 86_400) / 3600), c[0], c[1]});
        labels.add(clicked.contains(e.requestId() + "\u0000" + e.itemId()));
        c[0]++;
      } else if (e.type() == EventType.CLICK) {
        c[1]++;
      }
    }
    if (rows.isEmpty()) {
      throw new InvalidInputException("--data", dir, "expected impression events in the log for --format clicks");
    }
    boolean[] y = new boolean[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
    }
    return new FeatureTable(rows.toArray(new float[0][]), y, CLICK_FEATURES);
  }
}
