package dev.funnel.console;

import dev.funnel.core.Checks;
import java.util.Map;

/**
 * One point of the loop's timeline: what happened in the sampling period that ended at {@code
 * time} (epoch milliseconds) and, for rates and percentiles, over the trailing minute up to it
 * (smoother than one period and still live). Ratios are null when their denominator is 0.
 *
 * @param searches full-funnel searches served in the period
 * @param searchesPerMinute searches in the trailing minute, per minute of it covered so far
 * @param ctr requests that received their first click in the trailing minute, per search served
 *     in it
 * @param conversionRate requests that received their first purchase in the trailing minute, per
 *     search served in it
 * @param clicks click events stored in the period ({@code carts}, {@code purchases} likewise)
 * @param candidatesPerSearch candidates the strategies retrieved per search, trailing minute
 * @param latencyP50Ms median server time of {@code POST /search}, trailing minute
 * @param latencyP99Ms 99th percentile of it
 * @param actions the bandit's decisions per action in the trailing minute (fixed actions named by
 *     a request are not counted)
 * @param gauges the loop's state at the end of the period
 */
public record TimelinePoint(
    long time,
    long searches,
    double searchesPerMinute,
    Double ctr,
    Double conversionRate,
    long clicks,
    long carts,
    long purchases,
    Double candidatesPerSearch,
    Double latencyP50Ms,
    Double latencyP99Ms,
    Map<String, Long> actions,
    Gauges gauges) {

  public TimelinePoint {
    Checks.atLeast("searches", searches, 0);
    Checks.atLeast("clicks", clicks, 0);
    Checks.atLeast("carts", carts, 0);
    Checks.atLeast("purchases", purchases, 0);
    actions = Map.copyOf(actions);
    if (gauges == null) {
      throw new dev.funnel.core.InvalidInputException("gauges", null, "expected the loop's gauges");
    }
  }

  /**
   * The loop's state read at a sampling tick.
   *
   * @param memoryKeys query-item keys of the memory index that have feedback
   * @param rankerVersion the live ranker version, or null for the baseline ranker
   * @param retrainings accepted retrainings so far
   * @param eventsStored events in the durable log
   * @param rewardShare each strategy's decayed mean share of the bandit's reward
   */
  public record Gauges(long memoryKeys, Integer rankerVersion, long retrainings, long eventsStored, Map<String, Double> rewardShare) {
    public Gauges {
      rewardShare = Map.copyOf(rewardShare);
    }
  }
}
