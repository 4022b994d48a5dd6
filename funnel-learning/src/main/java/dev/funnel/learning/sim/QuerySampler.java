package dev.funnel.learning.sim;

import dev.funnel.core.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Draws queries with a Zipf-like repeat distribution: the queries are put in a seeded random
 * order and the query at rank {@code r} (1-based) is drawn with probability proportional to
 * {@code 1 / r^s}. With s = 1 (Zipf's law, the usual fit of query frequencies in web and shop
 * logs, e.g. Xie and O'Hallaron 2002) a few head queries repeat often and a long tail is seen
 * once or never.
 */
public final class QuerySampler {
  private final List<String> order;
  private final double[] cumulative;

  public QuerySampler(List<String> queryIds, double exponent, long seed) {
    Checks.atLeast("queries", queryIds.size(), 1);
    Checks.nonNegative("zipf_exponent", exponent);
    List<String> shuffled = new ArrayList<>(queryIds);
    Collections.shuffle(shuffled, new Random(seed));
    this.order = List.copyOf(shuffled);
    this.cumulative = new double[order.size()];
    double sum = 0;
    for (int r = 1; r <= order.size(); r++) {
      sum += Math.pow(r, -exponent);
      cumulative[r - 1] = sum;
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= sum;
    }
  }

  /** Probability of the query at rank {@code rank} (1-based). */
  public double probability(int rank) {
    Checks.inRange("rank", rank, 1, order.size());
    return cumulative[rank - 1] - (rank == 1 ? 0 : cumulative[rank - 2]);
  }

  /** The query at rank {@code rank} (1-based). */
  public String query(int rank) {
    return order.get(rank - 1);
  }

  public String next(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return order.get(lo);
  }
}
