package dev.funnel.server.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The metrics of one server, scraped at {@code GET /metrics} (Prometheus text format 0.0.4).
 * The server records {@code funnel_http_request_seconds{method,route}} (a histogram with fixed
 * buckets from 1 ms to 5 s), {@code funnel_http_requests_total{method,route,status}} and, for
 * requests that told {@link RequestScope} their strategies, {@code
 * funnel_search_strategy_seconds{strategy}}: the latency of the requests that ran each strategy
 * (a request running two strategies counts in both). Routes are the matched route templates
 * ({@code /related/{item}}), {@code unmatched} for unknown paths, so the label set stays small.
 * JVM memory, GC, threads, class loading, CPU and uptime come from Micrometer's binders; features
 * add their own meters through {@link #registry()}.
 */
public final class ServerMetrics implements AutoCloseable {
  /** Histogram buckets: a search takes milliseconds, a deadline is seconds. */
  static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofSeconds(2), Duration.ofSeconds(5)};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Map<String, Timer> routeTimers = new ConcurrentHashMap<>();
  private final Map<String, Counter> statusCounters = new ConcurrentHashMap<>();
  private final Map<String, Timer> strategyTimers = new ConcurrentHashMap<>();
  private final List<Runnable> beforeScrape = new java.util.concurrent.CopyOnWriteArrayList<>();

  public ServerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Where features register their meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Adds {@code GET /metrics}. */
  public void register(Javalin app) {
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(scrape()));
  }

  /** Adds a task run before each scrape (for meters that are not read live, such as labelled info gauges). */
  public void beforeScrape(Runnable task) {
    beforeScrape.add(task);
  }

  /** The registry in the Prometheus text format. */
  public String scrape() {
    beforeScrape.forEach(Runnable::run);
    return registry.scrape();
  }

  /** Records one finished request. */
  public void record(String method, String route, int status, long nanos, List<String> strategies) {
    routeTimers.computeIfAbsent(method + " " + route, k -> Timer.builder("funnel.http.request").description("HTTP request latency by route")
        .tags("method", method, "route", route).serviceLevelObjectives(BUCKETS).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    statusCounters.computeIfAbsent(method + " " + route + " " + status, k -> Counter.builder("funnel.http.requests")
        .description("HTTP requests by route and status").tags("method", method, "route", route, "status", Integer.toString(status))
        .register(registry)).increment();
    for (String s : strategies) {
      strategyTimers.computeIfAbsent(s, k -> Timer.builder("funnel.search.strategy").description("Latency of the searches that ran each strategy")
          .tags("strategy", s).serviceLevelObjectives(BUCKETS).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
