package dev.funnel.memory;

import dev.funnel.core.Checks;

/**
 * Why the memory strategy returned an item: the query key it was found under, how similar that
 * key is to the request's key (1 for the key itself), whether the evidence is real feedback or a
 * predicted query, the pair score before the similarity discount, and the final score
 * {@code similarity * pairScore}.
 */
public record MemoryHit(String itemId, double score, String matchedKey, double similarity, Source source, double pairScore) {
  /** Where the pair score came from. */
  public enum Source {
    FEEDBACK,
    PREDICTED
  }

  public MemoryHit {
    Checks.nonBlank("itemId", itemId);
    Checks.finite("score", score);
    Checks.inRange("similarity", similarity, 0, 1);
  }
}
