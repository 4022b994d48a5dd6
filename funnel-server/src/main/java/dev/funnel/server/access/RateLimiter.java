package dev.funnel.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.server.ApiException;
import dev.funnel.server.Requests;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The {@link RateLimit} of {@code POST /events}, one {@link TokenBucket} per client: its API key
 * when it sends one, its remote address otherwise. A request costs one token per event of its
 * batch; one that would overdraw the bucket gets a 429 with {@code Retry-After} (whole seconds)
 * and nothing of it is stored. At most {@value #MAX_CLIENTS} clients are tracked: past that the
 * full (idle) buckets are forgotten, and if none is full, the request is refused (a flood from
 * many addresses is a flood too).
 */
public final class RateLimiter {
  static final int MAX_CLIENTS = 100_000;
  private final RateLimit limit;
  private final LongSupplier clock;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final LongAdder limited = new LongAdder();

  public RateLimiter(RateLimit limit) {
    this(limit, System::nanoTime);
  }

  /** A limiter reading time (nanoseconds, monotonic) from {@code clock}. */
  public RateLimiter(RateLimit limit, LongSupplier clock) {
    this.limit = limit;
    this.clock = clock;
  }

  public RateLimit limit() {
    return limit;
  }

  /** Requests refused so far. */
  public long limited() {
    return limited.sum();
  }

  /** Passes, or throws the 429 of a {@code POST /events} request over its client's rate. */
  public void check(Context ctx) {
    if (!limit.enabled() || !ctx.method().name().equals("POST") || !ctx.path().equals("/events")) {
      return;
    }
    String key = AccessControl.presented(ctx);
    String client = key != null ? "key:" + key : "ip:" + ctx.ip();
    long wait = take(client, events(Requests.body(ctx)));
    if (wait > 0) {
      ctx.header("Retry-After", wait == Long.MAX_VALUE ? "60" : Long.toString(Math.max(1, (wait + 999_999_999L) / 1_000_000_000L)));
      throw new ApiException(429, "events", null, wait == Long.MAX_VALUE
          ? "event batch larger than the burst of " + limit.burst() + " events per client (limit events_burst): send smaller batches"
          : "too many events from this client: at most " + limit.eventsPerSecond() + " a second with bursts of " + limit.burst()
              + " (limits events_per_second, events_burst); retry later");
    }
  }

  /** Takes {@code n} tokens of {@code client}'s bucket: 0 when granted, else the nanoseconds to wait. */
  public long take(String client, int n) {
    long now = clock.getAsLong();
    TokenBucket b = buckets.get(client);
    if (b == null) {
      if (buckets.size() >= MAX_CLIENTS) {
        evictIdle(now);
      }
      if (buckets.size() >= MAX_CLIENTS) {
        limited.increment();
        return 1_000_000_000L;
      }
      b = buckets.computeIfAbsent(client, c -> new TokenBucket(limit.eventsPerSecond(), limit.burst(), now));
    }
    long wait = b.take(n, now);
    if (wait > 0) {
      limited.increment();
    }
    return wait;
  }

  /** Clients tracked now. */
  public int clients() {
    return buckets.size();
  }

  private void evictIdle(long now) {
    for (Iterator<TokenBucket> it = buckets.values().iterator(); it.hasNext();) {
      if (it.next().full(now)) {
        it.remove();
      }
    }
  }

  /** The events of a {@code POST /events} body: an array's length, an {@code events} array's, or 1. */
  static int events(JsonNode body) {
    if (body != null && body.isArray()) {
      return body.size();
    }
    JsonNode e = body == null ? null : body.get("events");
    return e != null && e.isArray() ? e.size() : 1;
  }
}
