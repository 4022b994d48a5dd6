package dev.funnel.rank;

import java.util.List;

/**
 * Scores feature vectors of one request's candidates (higher = better) and explains any score as
 * a sum of per-feature contributions. Implementations are immutable and thread-safe.
 */
public interface Ranker {
  /** The features this ranker reads, in order; rows passed in must follow it. */
  FeatureSchema schema();

  /** A short name for reports ({@code lambdamart}, {@code rrf}...). */
  String name();

  /** One finite score per row. */
  double[] score(List<float[]> rows);

  /** Why each row scores what it scores: {@code explanation.total()} equals its score. */
  List<Explanation> explain(List<float[]> rows);

  /**
   * Takes a reference to the ranker's native resources for the duration of one use (a request);
   * false when they have been freed, which happens only after a ranker was replaced and closed.
   * Rankers without native resources are always available.
   */
  default boolean retain() {
    return true;
  }

  /** Gives back a reference taken by {@link #retain()}. */
  default void release() {}
}
