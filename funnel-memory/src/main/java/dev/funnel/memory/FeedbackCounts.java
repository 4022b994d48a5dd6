package dev.funnel.memory;

import dev.funnel.core.EventType;

/**
 * Feedback counts for one (query, item) pair, one item or the whole index: raw counts of each
 * event type and exponentially decayed counts, the decayed ones stored as of {@code atMillis}
 * (the newest event time seen). Decay is applied lazily: an update brings the stored values to
 * the event time and adds one, a read brings them to the read time, both in O(1):
 *
 * <pre>  d(t) = d(t0) * 2^(-(t - t0) / halfLife)    for t >= t0</pre>
 *
 * An event older than {@code atMillis} (out of order) adds {@code 2^(-(t0 - t) / halfLife)}
 * instead of 1 and leaves {@code atMillis} unchanged, so the result does not depend on arrival
 * order. Immutable: concurrent writers swap whole values (see {@link MemoryIndex}).
 */
public record FeedbackCounts(
    long impressions,
    long clicks,
    long carts,
    long purchases,
    double decayedImpressions,
    double decayedClicks,
    double decayedCarts,
    double decayedPurchases,
    long atMillis) {

  public static final FeedbackCounts ZERO = new FeedbackCounts(0, 0, 0, 0, 0, 0, 0, 0, Long.MIN_VALUE);

  /** {@code 2^(-elapsed/halfLife)}, 1 when {@code elapsed <= 0} (reads never grow a count). */
  public static double decayFactor(long elapsedMillis, long halfLifeMillis) {
    if (elapsedMillis <= 0) {
      return 1.0;
    }
    return Math.pow(2.0, -(double) elapsedMillis / halfLifeMillis);
  }

  /** These counts plus one event of {@code type} at {@code timeMillis}. */
  public FeedbackCounts plus(EventType type, long timeMillis, long halfLifeMillis) {
    double keep;
    double add;
    long at;
    if (atMillis == Long.MIN_VALUE || timeMillis >= atMillis) {
      keep = atMillis == Long.MIN_VALUE ? 0.0 : decayFactor(timeMillis - atMillis, halfLifeMillis);
      add = 1.0;
      at = timeMillis;
    } else {
      keep = 1.0;
      add = decayFactor(atMillis - timeMillis, halfLifeMillis);
      at = atMillis;
    }
    return new FeedbackCounts(
        impressions + (type == EventType.IMPRESSION ? 1 : 0),
        clicks + (type == EventType.CLICK ? 1 : 0),
        carts + (type == EventType.ADD_TO_CART ? 1 : 0),
        purchases + (type == EventType.PURCHASE ? 1 : 0),
        decayedImpressions * keep + (type == EventType.IMPRESSION ? add : 0),
        decayedClicks * keep + (type == EventType.CLICK ? add : 0),
        decayedCarts * keep + (type == EventType.ADD_TO_CART ? add : 0),
        decayedPurchases * keep + (type == EventType.PURCHASE ? add : 0),
        at);
  }

  /**
   * These counts and {@code o} together, as if one counter had seen both sets of events: raw
   * counts add, decayed counts are brought to the later of the two times and add. Order does not
   * matter (up to rounding), which lets an offline job fold partitions separately.
   */
  public FeedbackCounts merge(FeedbackCounts o, long halfLifeMillis) {
    if (o.atMillis == Long.MIN_VALUE) {
      return this;
    }
    if (atMillis == Long.MIN_VALUE) {
      return o;
    }
    long at = Math.max(atMillis, o.atMillis);
    double a = decayFactor(at - atMillis, halfLifeMillis);
    double b = decayFactor(at - o.atMillis, halfLifeMillis);
    return new FeedbackCounts(impressions + o.impressions, clicks + o.clicks, carts + o.carts, purchases + o.purchases,
        decayedImpressions * a + o.decayedImpressions * b, decayedClicks * a + o.decayedClicks * b,
        decayedCarts * a + o.decayedCarts * b, decayedPurchases * a + o.decayedPurchases * b, at);
  }

  /** The decayed counts brought to {@code nowMillis} (raw counts unchanged). */
  public FeedbackCounts decayedTo(long nowMillis, long halfLifeMillis) {
    if (atMillis == Long.MIN_VALUE) {
      return this;
    }
    double f = decayFactor(nowMillis - atMillis, halfLifeMillis);
    return new FeedbackCounts(
        impressions, clicks, carts, purchases,
        decayedImpressions * f, decayedClicks * f, decayedCarts * f, decayedPurchases * f,
        Math.max(atMillis, nowMillis));
  }
}
