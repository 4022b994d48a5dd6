package dev.funnel.core;

import java.util.List;

/**
 * A retrieved item with the score that ordered it and every strategy that contributed it.
 * Candidates from one strategy carry one provenance entry; fused candidates carry several.
 */
public record Candidate(String itemId, double score, List<Provenance> provenance) {
  public Candidate {
    Checks.nonBlank("itemId", itemId);
    Checks.finite("score", score);
    provenance = List.copyOf(provenance);
    if (provenance.isEmpty()) {
      throw new InvalidInputException("provenance", "[]", "expected at least one strategy");
    }
  }

  public static Candidate of(String itemId, String strategy, double score, int rank) {
    return new Candidate(itemId, score, List.of(new Provenance(strategy, score, rank)));
  }
}
