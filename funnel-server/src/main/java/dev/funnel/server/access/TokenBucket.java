package dev.funnel.server.access;

import dev.funnel.core.InvalidInputException;

/**
 * A token bucket: it holds at most {@code burst} tokens, refills at {@code perSecond} tokens a
 * second, and a take of {@code n} tokens succeeds when {@code n} are there. Time comes from the
 * caller in nanoseconds (a monotonic clock such as {@link System#nanoTime()}), so tests drive it
 * without sleeping. Thread-safe.
 */
public final class TokenBucket {
  private final double perSecond;
  private final double burst;
  private double tokens;
  private long last;

  /** A full bucket at time {@code nowNanos}. */
  public TokenBucket(double perSecond, double burst, long nowNanos) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new InvalidInputException("per_second", perSecond, "expected a positive finite rate");
    }
    if (!(burst >= 1) || Double.isInfinite(burst)) {
      throw new InvalidInputException("burst", burst, "expected a finite burst of at least 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /**
   * Takes {@code n} tokens at {@code nowNanos}: 0 when it could, otherwise the nanoseconds until
   * {@code n} tokens will be there (nothing is taken). A take of more than {@code burst} tokens
   * never succeeds: {@link Long#MAX_VALUE}.
   */
  public synchronized long take(double n, long nowNanos) {
    if (!(n >= 0)) {
      throw new InvalidInputException("tokens", n, "expected 0 or more tokens");
    }
    refill(nowNanos);
    if (n > burst) {
      return Long.MAX_VALUE;
    }
    if (tokens >= n) {
      tokens -= n;
      return 0;
    }
    return (long) Math.ceil((n - tokens) / perSecond * 1e9);
  }

  /** Whether the bucket is full at {@code nowNanos} (an idle client, safe to forget). */
  public synchronized boolean full(long nowNanos) {
    refill(nowNanos);
    return tokens >= burst;
  }

  public synchronized double tokens(long nowNanos) {
    refill(nowNanos);
    return tokens;
  }

  private void refill(long now) {
    if (now > last) {
      tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
      last = now;
    }
  }
}
