package dev.funnel.core;

/**
 * Why a candidate is there: which strategy found it, the strategy's raw score and the rank
 * (1-based) it had in that strategy's own list.
 */
public record Provenance(String strategy, double rawScore, int rank) {
  public Provenance {
    Checks.nonBlank("strategy", strategy);
    Checks.finite("rawScore", rawScore);
    Checks.atLeast("rank", rank, 1);
  }
}
