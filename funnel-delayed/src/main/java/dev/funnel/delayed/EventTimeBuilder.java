package dev.funnel.delayed;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the training set as it was observable at a time t: for each click before t, its
 * observed label (converted within the attribution window and at or before t), the elapsed
 * time, the engagement so far and whether its label is mature. Works on any {@link ClickData},
 * whichever source (event log, file, generator) produced it.
 */
public final class EventTimeBuilder {
  private EventTimeBuilder() {}

  /** The observation of {@code j} at time {@code t} ({@code t >= j.clickTime()}). */
  public static Observation observe(Journey j, long t, long attributionWindow) {
    Journey seen = j.truncatedAt(t);
    long elapsed = t - j.clickTime();
    boolean label = seen.converted() && seen.delay() <= attributionWindow;
    return new Observation(seen, t, elapsed, label, elapsed >= attributionWindow, seen.engagementAt(t));
  }

  /** Whether {@code j} converts within the attribution window, ever (its eventual label). */
  public static boolean eventualLabel(Journey j, long attributionWindow) {
    return j.converted() && j.delay() <= attributionWindow;
  }

  /**
   * All clicks with click time in {@code [from, asOf)}, as observable at {@code asOf}, with the
   * mature clicks of the {@code historySpan} before {@code asOf - A} as history.
   */
  public static Snapshot snapshot(ClickData data, long from, long asOf, long historySpan) {
    List<Observation> rows = new ArrayList<>();
    List<Boolean> eventual = new ArrayList<>();
    List<Observation> history = new ArrayList<>();
    List<Observation> stream = new ArrayList<>();
    long matureBy = asOf - data.attributionWindow();
    for (Journey j : data.journeys()) {
      if (j.clickTime() >= from && j.clickTime() < asOf) {
        rows.add(observe(j, asOf, data.attributionWindow()));
        eventual.add(eventualLabel(j, data.attributionWindow()));
      }
      if (j.clickTime() >= from - data.attributionWindow() && j.clickTime() < asOf) {
        stream.add(j.clickTime() >= from ? rows.get(rows.size() - 1) : observe(j, asOf, data.attributionWindow()));
      }
      if (j.clickTime() <= matureBy && j.clickTime() >= matureBy - historySpan) {
        history.add(observe(j, asOf, data.attributionWindow()));
      }
    }
    boolean[] ev = new boolean[eventual.size()];
    for (int i = 0; i < ev.length; i++) {
      ev[i] = eventual.get(i);
    }
    return new Snapshot(asOf, from, data.attributionWindow(), data.spec(), rows, ev, history, stream);
  }
}
