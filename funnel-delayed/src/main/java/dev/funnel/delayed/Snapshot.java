package dev.funnel.delayed;

import java.util.List;

/**
 * The training set as observable at {@code asOf}: one {@link Observation} per click in
 * {@code [from, asOf)}. The eventual labels are kept apart and are read only by evaluation and by
 * the oracle; every other weighting scheme sees only the observations, whose journeys are
 * truncated at {@code asOf}, so a conversion after {@code asOf} cannot leak into training.
 */
public final class Snapshot {
  private final long asOf;
  private final long attributionWindow;
  private final FeatureSpec spec;
  private final List<Observation> rows;
  private final boolean[] eventual;

  Snapshot(long asOf, long attributionWindow, FeatureSpec spec, List<Observation> rows, boolean[] eventual) {
    this.asOf = asOf;
    this.attributionWindow = attributionWindow;
    this.spec = spec;
    this.rows = List.copyOf(rows);
    this.eventual = eventual;
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
