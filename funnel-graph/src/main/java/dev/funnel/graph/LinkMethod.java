package dev.funnel.graph;

import java.util.Map;

/**
 * A link-prediction method: trains a {@link LinkScorer} on a training graph. {@code validation}
 * edges (possibly empty) may only be used for early stopping / model selection.
 */
public interface LinkMethod {
  /** The name used on the command line and in results (blade, blade-fixed, sage, shallow, popularity). */
  String name();

  LinkScorer train(Graph train, EdgeSample validation, long seed);

  /** The method's configuration, for provenance and result files. */
  Map<String, Object> config();

  /** What the last training run chose or measured (epochs, tuned values), for result files; empty by default. */
  default Map<String, Object> lastRun() {
    return Map.of();
  }
}
