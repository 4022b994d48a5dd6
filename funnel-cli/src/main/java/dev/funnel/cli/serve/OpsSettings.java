package dev.funnel.cli.serve;

import dev.funnel.core.InvalidInputException;
import dev.funnel.server.access.ApiKeys;
import dev.funnel.server.access.RateLimit;
import dev.funnel.server.ops.ServerFeatures;
import dev.funnel.server.ops.ServerMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The operational settings of a serving process: API keys, the {@code /events} rate limit,
 * metrics, the access log and the log format. Keys belong in the config file ({@code auth}),
 * which is not visible to other users of the machine as a command line is.
 */
public final class OpsSettings {
  @Option(names = "--read-keys", split = ",", paramLabel = "KEY",
      description = "API keys of the read role (search, related items, events); with any key set, requests without a valid key get a 401. Prefer the config file's auth.read_keys.")
  List<String> readKeys = new ArrayList<>();

  @Option(names = "--admin-keys", split = ",", paramLabel = "KEY",
      description = "API keys of the admin role (items, models and other mutating routes; may also read). Prefer the config file's auth.admin_keys.")
  List<String> adminKeys = new ArrayList<>();

  @Option(names = "--events-rate", defaultValue = "0",
      description = "Events a second each client (API key, else remote address) may post to /events on average; more get a 429 with Retry-After; 0 is no limit (default: ${DEFAULT-VALUE}).")
  double eventsRate;

  @Option(names = "--events-burst", defaultValue = "1000",
      description = "Events a client may post at once above its rate (the token bucket's size; a larger batch is refused) (default: ${DEFAULT-VALUE}).")
  int eventsBurst = 1000;

  @Option(names = "--metrics", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Serve Prometheus metrics at GET /metrics and record them (default: ${DEFAULT-VALUE}).")
  boolean metrics = true;

  @Option(names = "--access-log", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Log one line per request (method, route, status, took_ms, request_id) on the funnel.access logger (default: ${DEFAULT-VALUE}).")
  boolean accessLog = true;

  @Option(names = "--log-format", defaultValue = "text",
      description = "Log format on standard error: text or json (one JSON object a line) (default: ${DEFAULT-VALUE}).")
  String logFormat = "text";

  /** The API keys; fails naming the flag of a bad key. */
  ApiKeys keys() {
    try {
      return new ApiKeys(readKeys, adminKeys);
    } catch (InvalidInputException e) {
      String flag = e.field().startsWith("admin") ? "--admin-keys" : "--read-keys";
      throw new InvalidInputException(flag, e.value(), e.expected());
    }
  }

  RateLimit eventsRate() {
    try {
      return new RateLimit(eventsRate, eventsBurst);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(e.field().equals("events_burst") ? "--events-burst" : "--events-rate", e.value(), e.expected());
    }
  }

  /** The log format: text or json. */
  LogSetup.Format format() {
    try {
      return LogSetup.Format.valueOf(logFormat.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--log-format", logFormat, "expected text or json");
    }
  }

  /** Validates every setting (what {@code config check} does), naming the flag of a bad one. */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    ApiKeys k = keys();
    m.put("read_keys", k.read().size());
    m.put("admin_keys", k.admin().size());
    m.put("events_rate", eventsRate().toMap());
    m.put("metrics", metrics);
    m.put("access_log", accessLog);
    m.put("log_format", format().name().toLowerCase(Locale.ROOT));
    return m;
  }

  /** The server features, with a new metrics registry when metrics are on. */
  ServerFeatures features() {
    return new ServerFeatures(keys(), eventsRate(), metrics ? new ServerMetrics() : null, accessLog);
  }
}
