package dev.funnel.bandit;

import java.util.List;

/**
 * The joint feature vectors of several actions in one context ({@link Featurizer#jointFeatures}),
 * held as each vector's non-zero entries in ascending index order. A decision scores every
 * action of the space (60 with the default budgets), and most entries of a joint vector are 0
 * (one intent slot, the strategies not run): scoring over the non-zeros gives the same sums as
 * over the dense vectors (skipping a term {@code a·0} never changes an IEEE sum that starts at
 * {@code +0}) without allocating a dense row per action on every request. {@link #dense} builds
 * the dense vector of one action, the same array {@link Featurizer#joint} returns, for the
 * decision that is served and learned from.
 */
public final class JointFeatures {
  private final Featurizer featurizer;
  private final double[] context;
  private final double[] perf;
  private final List<Action> actions;
  private final int[][] indices;
  private final double[][] values;

  JointFeatures(Featurizer featurizer, double[] context, double[] perf, List<Action> actions, int[][] indices, double[][] values) {
    this.featurizer = featurizer;
    this.context = context;
    this.perf = perf;
    this.actions = actions;
    this.indices = indices;
    this.values = values;
  }

  /** Number of actions (rows). */
  public int size() {
    return indices.length;
  }

  /** Length of each dense vector. */
  public int dimension() {
    return featurizer.dimension();
  }

  /** Indices of the non-zero entries of row {@code i}, ascending (not a copy: do not modify). */
  int[] indices(int i) {
    return indices[i];
  }

  /** Values of the non-zero entries of row {@code i}, in the order of {@link #indices} (not a copy). */
  double[] values(int i) {
    return values[i];
  }

  /** The dense joint vector of row {@code i}: element for element what {@link Featurizer#joint} gives. */
  public double[] dense(int i) {
    return featurizer.joint(context, actions.get(i), perf);
  }
}
