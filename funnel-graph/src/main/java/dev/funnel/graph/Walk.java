package dev.funnel.graph;

/** The edge direction a sampling random walk follows. */
public enum Walk {
  /** Along out-edges (u -> w): what u points to. */
  OUT,
  /** Along in-edges (w -> u): what points to u. */
  IN,
  /** Along edges in either direction (the undirected neighbourhood). */
  BOTH
}
