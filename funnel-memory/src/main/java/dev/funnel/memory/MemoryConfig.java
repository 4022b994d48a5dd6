package dev.funnel.memory;

import dev.funnel.core.Checks;
import java.time.Duration;

/**
 * Settings of the {@link MemoryIndex}; all checked at construction.
 *
 * @param halfLife time after which a feedback event counts half. Default 14 days: query-item
 *     preferences in shops drift with seasons and stock over weeks, and two weeks keeps about a
 *     month of useful evidence (1/4 weight at 28 days).
 * @param priorStrength {@code m}: pseudo-impressions of the global-rate prior in the smoothed
 *     rates {@code (x + m * rate_g) / (n + m)}. Default 10: one click in ten impressions has to be
 *     seen before a pair's own rate counts as much as the prior (empirical-Bayes CTR practice).
 * @param baseCtr prior click rate used while the index itself has few impressions (the global rate
 *     is itself smoothed towards it with {@code priorStrength}); default 0.1.
 * @param baseCartRate as {@code baseCtr} for add-to-cart events; default 0.02.
 * @param basePurchaseRate as {@code baseCtr} for purchases; default 0.01.
 * @param clickWeight weight of the click rate in the utility; default 1.
 * @param cartWeight weight of the cart rate; default 3 (a cart shows more intent than a click).
 * @param purchaseWeight weight of the purchase rate; default 10 (the outcome the shop wants).
 * @param predictedStrength {@code m_p}: impressions after which a predicted query counts half
 *     ({@code lambda = m_p / (m_p + I_pair + rho * I_item)}); default 20, about two result pages of
 *     exposure.
 * @param itemEvidenceShare {@code rho}: how much an item's impressions under any query count
 *     against its predictions, relative to impressions under the predicted key itself; default
 *     0.1: evidence on the predicted key dominates, and items engaged only under other keys still
 *     fade (on the simulated stream of docs/memory.md, 0, 0.1, 0.3 and 1 are within seed noise).
 * @param minSimilarity near-query matches below this similarity are ignored; default 0.5 (half
 *     of the idf-weighted tokens shared).
 * @param maxNearKeys at most this many near query keys are merged per lookup; default 16.
 * @param maxCandidateKeys at most this many keys are scored for similarity per lookup; default 256
 *     (bounds lookup cost when common words are shared by thousands of keys).
 */
public record MemoryConfig(
    Duration halfLife,
    double priorStrength,
    double baseCtr,
    double baseCartRate,
    double basePurchaseRate,
    double clickWeight,
    double cartWeight,
    double purchaseWeight,
    double predictedStrength,
    double itemEvidenceShare,
    double minSimilarity,
    int maxNearKeys,
    int maxCandidateKeys) {

  public static final MemoryConfig DEFAULT =
      new MemoryConfig(Duration.ofDays(14), 10, 0.1, 0.02, 0.01, 1, 3, 10, 20, 0.1, 0.5, 16, 256);

  public MemoryConfig {
    if (halfLife == null || halfLife.isNegative() || halfLife.isZero()) {
      throw new dev.funnel.core.InvalidInputException("halfLife", halfLife, "expected a positive duration");
    }
    Checks.positive("priorStrength", priorStrength);
    Checks.inRange("baseCtr", baseCtr, 0, 1);
    Checks.inRange("baseCartRate", baseCartRate, 0, 1);
    Checks.inRange("basePurchaseRate", basePurchaseRate, 0, 1);
    Checks.nonNegative("clickWeight", clickWeight);
    Checks.nonNegative("cartWeight", cartWeight);
    Checks.nonNegative("purchaseWeight", purchaseWeight);
    if (clickWeight + cartWeight + purchaseWeight <= 0) {
      throw new dev.funnel.core.InvalidInputException("clickWeight", clickWeight, "expected at least one positive utility weight");
    }
    Checks.positive("predictedStrength", predictedStrength);
    Checks.nonNegative("itemEvidenceShare", itemEvidenceShare);
    Checks.inRange("minSimilarity", minSimilarity, 0, 1);
    Checks.atLeast("maxNearKeys", maxNearKeys, 0);
    Checks.atLeast("maxCandidateKeys", maxCandidateKeys, 1);
  }

  public long halfLifeMillis() {
    return halfLife.toMillis();
  }

  public MemoryConfig withHalfLife(Duration d) {
    return new MemoryConfig(d, priorStrength, baseCtr, baseCartRate, basePurchaseRate, clickWeight, cartWeight,
        purchaseWeight, predictedStrength, itemEvidenceShare, minSimilarity, maxNearKeys, maxCandidateKeys);
  }

  public MemoryConfig withItemEvidenceShare(double rho) {
    return new MemoryConfig(halfLife, priorStrength, baseCtr, baseCartRate, basePurchaseRate, clickWeight, cartWeight,
        purchaseWeight, predictedStrength, rho, minSimilarity, maxNearKeys, maxCandidateKeys);
  }

  public MemoryConfig withPriorStrength(double m) {
    return new MemoryConfig(halfLife, m, baseCtr, baseCartRate, basePurchaseRate, clickWeight, cartWeight,
        purchaseWeight, predictedStrength, itemEvidenceShare, minSimilarity, maxNearKeys, maxCandidateKeys);
  }
}
