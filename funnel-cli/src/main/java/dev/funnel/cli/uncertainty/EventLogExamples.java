package dev.funnel.cli.uncertainty;

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
import java.util.List;

/**
 * Labelled click rows from the product's event log for the conversion decision model: the click
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
}
