package dev.funnel.graph;

/**
 * Which embeddings a {@link DualGnn} builds and from which neighbourhoods.
 *
 * <ul>
 *   <li>{@link #DIRECTED}: BLADE. Two roles (source, target), each with its own ID embedding
 *       table; two channels: the out-walk neighbourhood averaged over target ID embeddings and the
 *       in-walk neighbourhood averaged over source ID embeddings; one weight matrix per
 *       (role, channel).
 *   <li>{@link #SYMMETRIC}: GraphSAGE-style. One embedding per node, one channel over the
 *       undirected neighbourhood (mean aggregator), score symmetric in u and v.
 *   <li>{@link #SHALLOW}: source/target ID embeddings only (no neighbourhood): a shallow directed
 *       factorisation, as LINE's second-order model (Tang et al. 2015) applied to directed edges.
 * </ul>
 */
public enum Architecture {
  DIRECTED(2, new Walk[] {Walk.OUT, Walk.IN}, new int[] {1, 0}),
  SYMMETRIC(1, new Walk[] {Walk.BOTH}, new int[] {0}),
  SHALLOW(2, new Walk[0], new int[0]);

  private final int roles;
  private final Walk[] channels;
  private final int[] channelBase;

  Architecture(int roles, Walk[] channels, int[] channelBase) {
    this.roles = roles;
    this.channels = channels;
    this.channelBase = channelBase;
  }

  /** 2 for source/target embeddings, 1 for a single shared embedding. */
  public int roles() {
    return roles;
  }

  public int channelCount() {
    return channels.length;
  }

  public Walk channel(int c) {
    return channels[c];
  }

  /** The role whose ID embeddings channel {@code c} averages. */
  public int channelBase(int c) {
    return channelBase[c];
  }

  public int sourceRole() {
    return 0;
  }

  public int targetRole() {
    return roles - 1;
  }
}
