package dev.funnel.memory;

/**
 * Feedback statistics of one (query, item) pair at one time, as ranker features: raw counts,
 * decayed counts, and smoothed rates {@code (x + m * rate_g) / (max(n, clicks) + m)} where
 * {@code n} is the decayed impressions, {@code rate_g} the index-wide rate and {@code m} the prior
 * strength; {@code utility = w_click * ctr + w_cart * cartRate + w_purchase * purchaseRate}. A pair
 * without feedback has zero counts and the prior rates.
 */
public record QueryItemStats(
    String queryKey,
    String itemId,
    long impressions,
    long clicks,
    long carts,
    long purchases,
    double decayedImpressions,
    double decayedClicks,
    double decayedCarts,
    double decayedPurchases,
    double ctr,
    double cartRate,
    double purchaseRate,
    double utility) {}
