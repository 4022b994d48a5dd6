package dev.funnel.console;

/**
 * Counts of latencies in logarithmic buckets: bucket {@code i} holds values in {@code [MIN·R^i,
 * MIN·R^(i+1))} milliseconds with {@code R = 2^(1/8)} (about 9% wide), from {@value #MIN_MS} ms
 * to about 30 minutes; smaller values go to the first bucket, larger ones to the last. A
 * percentile is reported as the geometric middle of its bucket, so it is within 5% of the exact
 * order statistic. Fixed size, so an hour of samples takes constant memory. Not thread-safe.
 */
final class LatencyHistogram {
  static final double MIN_MS = 0.01;
  static final double RATIO = Math.pow(2, 1.0 / 8);
  static final int BUCKETS = 200;
  private final long[] counts = new long[BUCKETS];
  private long total;

  void add(double ms) {
    if (!(ms >= 0) || Double.isInfinite(ms)) {
      throw new IllegalArgumentException("latency_ms: expected a finite value >= 0, got " + ms);
    }
    int i = ms <= MIN_MS ? 0 : (int) Math.floor(Math.log(ms / MIN_MS) / Math.log(RATIO));
    counts[Math.max(0, Math.min(BUCKETS - 1, i))]++;
    total++;
  }

  void addAll(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
  }

  long count() {
    return total;
  }

  /** The {@code q}-quantile (0 < q <= 1) in milliseconds, or null when there is no value. */
  Double quantile(double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("q: expected a quantile in (0, 1], got " + q);
    }
    if (total == 0) {
      return null;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return MIN_MS * Math.pow(RATIO, i + 0.5);
      }
    }
    return MIN_MS * Math.pow(RATIO, BUCKETS - 0.5);
  }
}
