package dev.funnel.rank;

import dev.funnel.core.Checks;

/**
 * Feedback statistics of one (query, item) pair, looked up by the ranker's memory features. The
 * memory index implements this; the implementation normalises the query text exactly as it does
 * when it records feedback, so callers pass the raw query text.
 */
@FunctionalInterface
public interface MemoryStats {
  /** No feedback known for any pair. */
  MemoryStats NONE = (query, itemId) -> Counts.ZERO;

  /** The (possibly time-decayed) counts of {@code itemId} under {@code query}; never null. */
  Counts lookup(String query, String itemId);

  /**
   * Feedback counts; time-decayed counts are fractional, hence doubles.
   *
   * @param impressions times the item was shown for the query
   * @param clicks clicks on it
   * @param carts add-to-cart events
   * @param purchases purchases
   */
  record Counts(double impressions, double clicks, double carts, double purchases) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0);

    public Counts {
      Checks.nonNegative("impressions", impressions);
      Checks.nonNegative("clicks", clicks);
      Checks.nonNegative("carts", carts);
      Checks.nonNegative("purchases", purchases);
    }

    /**
     * Click-through rate with one prior impression and no prior click, clicks / (impressions + 1),
     * so an item shown once and clicked once is not rated above a well-tested favourite.
     */
    public double ctr() {
      return clicks / (impressions + 1);
    }
  }
}
