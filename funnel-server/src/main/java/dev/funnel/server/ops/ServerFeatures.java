package dev.funnel.server.ops;

import dev.funnel.server.access.AccessControl;
import dev.funnel.server.access.ApiKeys;
import dev.funnel.server.access.RateLimit;
import dev.funnel.server.access.RateLimiter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operational features of one server: API keys, the {@code /events} rate limit, metrics
 * (null: no {@code /metrics} and no instrumentation) and the access log (on or off).
 */
public record ServerFeatures(ApiKeys keys, RateLimit eventsRate, ServerMetrics metrics, boolean accessLog) {
  public ServerFeatures {
    keys = keys == null ? ApiKeys.none() : keys;
    eventsRate = eventsRate == null ? RateLimit.off() : eventsRate;
  }

  /** No keys, no rate limit, no metrics, no access log: what embedded uses and older tests get. */
  public static ServerFeatures none() {
    return new ServerFeatures(ApiKeys.none(), RateLimit.off(), null, false);
  }

  AccessControl accessControl() {
    return new AccessControl(keys);
  }

  RateLimiter rateLimiter() {
    return new RateLimiter(eventsRate);
  }

  /** As shown in {@code /health} (no key is shown). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("auth", keys.enabled());
    m.put("read_keys", keys.read().size());
    m.put("admin_keys", keys.admin().size());
    m.put("events_rate", eventsRate.toMap());
    m.put("metrics", metrics != null);
    m.put("access_log", accessLog);
    return m;
  }
}
