package dev.funnel.graph;

/**
 * A trained link predictor: scores how likely a directed edge u -> v is. Higher is more likely;
 * scores are finite and only comparable within one scorer. Immutable and thread-safe.
 */
public interface LinkScorer {
  int nodeCount();

  double score(int u, int v);

  /** Writes score(u, v) for every node v into {@code out} (length {@link #nodeCount()}). */
  void scoreAll(int u, float[] out);
}
