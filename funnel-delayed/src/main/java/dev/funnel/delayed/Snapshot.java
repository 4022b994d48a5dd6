package dev.funnel.delayed;

import java.util.List;

/**
 * The training set as observable at {@code asOf}: one {@link Observation} per click in
 * {@code [from, asOf)}, plus the {@linkplain #history() history}: the clicks of an earlier span
 * whose labels are mature at {@code asOf}, on which auxiliary models are fit. The eventual labels are kept apart and are read only by evaluation and by
 * the oracle; every other weighting scheme sees only the observations, whose journeys are
 * truncated at {@code asOf}, so a conversion after {@code asOf} cannot leak into training.
 */
public final class Snapshot {
  private final long asOf;
  private final long attributionWindow;
  private final FeatureSpec spec;
  private final List<Observation> rows;
  private final boolean[] eventual;
  private final List<Observation> history;
  private final long from;
  private final List<Observation> stream;

  Snapshot(long asOf, long from, long attributionWindow, FeatureSpec spec, List<Observation> rows, boolean[] eventual, List<Observation> history,
      List<Observation> stream) {
    this.asOf = asOf;
    this.attributionWindow = attributionWindow;
    this.spec = spec;
    this.rows = List.copyOf(rows);
    this.eventual = eventual;
    this.history = List.copyOf(history);
    this.from = from;
    this.stream = List.copyOf(stream);
  }

  /** Start of the training span: {@link #rows()} are the clicks in {@code [from, asOf)}. */
  public long from() {
    return from;
  }

  /**
   * The clicks in {@code [from - A, asOf)} (truncated at {@code asOf}), for schemes that train on
   * a stream of entries (FNW, ES-DFM): a click of shortly before {@code from} can contribute a
   * conversion inside the span; the waiting window takes its span, shifted back by the wait, from
   * here.
   */
  public List<Observation> stream() {
    return stream;
  }

  /** Mature observations (labels final at {@code asOf}) for fitting auxiliary models. */
  public List<Observation> history() {
    return history;
  }

  public long asOf() {
    return asOf;
  }

  public long attributionWindow() {
    return attributionWindow;
  }

  public FeatureSpec spec() {
    return spec;
  }

  public List<Observation> rows() {
    return rows;
  }

  public int size() {
    return rows.size();
  }

  /** The eventual label of row {@code i}: for evaluation and the oracle only. */
  public boolean eventualLabel(int i) {
    return eventual[i];
  }

  public long observedPositives() {
    return rows.stream().filter(Observation::observedLabel).count();
  }

  public long immature() {
    return rows.stream().filter(o -> !o.mature()).count();
  }
}
