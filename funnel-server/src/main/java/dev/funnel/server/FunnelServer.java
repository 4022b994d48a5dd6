package dev.funnel.server;

import dev.funnel.core.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.util.Deadline;
import dev.funnel.server.ops.ServerFeatures;
import dev.funnel.server.ops.ServerHooks;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP JSON API. Features contribute routes as {@link ApiModule}s; this class adds
 * {@code GET /health}, {@code GET /openapi.json} ({@link OpenApiSpec}), JSON errors ({@code {"error", "field", "value"}}), the lifecycle and the
 * {@link RequestLimits}: body size (413), query length, term count and {@code k} (400s naming the
 * limit), a deadline per request ({@link #deadline}, which handlers check between stages) and
 * admission (at most {@code maxConcurrent} requests at work, {@code maxQueued} waiting, others
 * shed with a 503 and {@code Retry-After}). Binds to 127.0.0.1 unless told otherwise; port 0
 * picks a free port.
 */
public final class FunnelServer implements AutoCloseable {
  private static final String DEADLINE = "funnel.deadline";
  private static final String ADMITTED = "funnel.admitted";
  private static final String LIMITS = "funnel.limits";
  private final Javalin app;
  private final RequestLimits limits;
  private final Semaphore slots;
  private final AtomicInteger waiting = new AtomicInteger();
  private final LongAdder shed = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final ServerHooks hooks;
  private final List<String> routes = new java.util.concurrent.CopyOnWriteArrayList<>();

  public FunnelServer(List<ApiModule> modules, Map<String, Object> healthInfo) {
    this(modules, () -> healthInfo);
  }

  /** A server whose {@code /health} adds what {@code healthInfo} answers at each call (live counters). */
  public FunnelServer(List<ApiModule> modules, java.util.function.Supplier<Map<String, Object>> healthInfo) {
    this(modules, healthInfo, RequestLimits.defaults());
  }

  /** As above, with the given request limits. */
  public FunnelServer(List<ApiModule> modules, java.util.function.Supplier<Map<String, Object>> healthInfo, RequestLimits limits) {
    this(modules, healthInfo, limits, ServerFeatures.none());
  }

  /**
   * As above, with the operational {@code features}: API keys (401/403), the {@code /events}
   * rate limit (429), {@code GET /metrics} and the access log.
   */
  public FunnelServer(List<ApiModule> modules, java.util.function.Supplier<Map<String, Object>> healthInfo, RequestLimits limits,
      ServerFeatures features) {
    this.limits = limits;
    this.slots = new Semaphore(limits.maxConcurrent(), true);
    this.hooks = new ServerHooks(features);
    app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      cfg.http.maxRequestSize = limits.maxBodyBytes();
      cfg.http.prefer405over404 = true;
      cfg.events.handlerAdded(h -> {
        hooks.routeAdded(h.getHttpMethod().name(), h.getPath());
        routes.add(h.getHttpMethod().name() + " " + h.getPath());
      });
    });
    if (features.metrics() != null) {
      features.metrics().register(app);
    }
    app.get("/health", ctx -> {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("status", "ok");
      h.putAll(healthInfo.get());
      h.put("limits", limits.toMap());
      h.put("access", hooks.features().toMap());
      Map<String, Object> load = new LinkedHashMap<>();
      load.put("running", limits.maxConcurrent() - slots.availablePermits());
      load.put("waiting", waiting.get());
      load.put("shed", shed.sum());
      load.put("refused_over_limit", refused.sum());
      load.put("rate_limited", hooks.rateLimiter().limited());
      h.put("load", load);
      Map<String, Object> process = new LinkedHashMap<>();
      process.put("pid", ProcessHandle.current().pid());
      process.put("rss_bytes", residentBytes());
      process.put("heap_used_bytes", Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
      h.put("process", process);
      ctx.json(h);
    });
    new OpenApiSpec().register(app);
    app.before(this::admit);
    app.after(ctx -> {
      if (Boolean.TRUE.equals(ctx.attribute(ADMITTED))) {
        ctx.attribute(ADMITTED, false);
        slots.release();
      }
      hooks.finish(ctx);
    });
    modules.forEach(m -> m.register(app));
    app.exception(ApiException.class, (e, ctx) -> {
      ctx.status(e.status());
      if (e.status() == 503) {
        ctx.header("Retry-After", "1");
      }
      ctx.json(error(e.getMessage(), e.field(), e.value()));
    });
    app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> {
      ctx.status(e.getStatus());
      if (e.getStatus() == 413) {
        refused.increment();
        ctx.json(error("request body too large: expected at most " + limits.maxBodyBytes() + " bytes (limit max_body_bytes)", "body", null));
      } else if (e.getStatus() == 404) {
        ctx.json(error("no such route: " + ctx.method() + " " + ctx.path(), "path", ctx.path()));
      } else if (e.getStatus() == 405) {
        String allowed = allowedMethods(e);
        if (!allowed.isEmpty()) {
          ctx.header("Allow", allowed);
        }
        ctx.json(error("method not allowed: " + ctx.method() + " " + ctx.path() + (allowed.isEmpty() ? "" : "; allowed: " + allowed),
            "method", ctx.method().name()));
      } else {
        ctx.json(error(e.getMessage(), null, null));
      }
    });
    app.exception(InvalidInputException.class, (e, ctx) -> {
      ctx.status(HttpStatus.BAD_REQUEST);
      ctx.json(error(e.getMessage(), e.field(), e.value()));
    });
    app.exception(Exception.class, (e, ctx) -> {
      ctx.status(HttpStatus.INTERNAL_SERVER_ERROR);
      ctx.json(error("internal error: " + e, null, null));
    });
    app.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        ctx.json(error("no such route: " + ctx.method() + " " + ctx.path(), "path", ctx.path()));
      }
    });
  }

  /**
   * The deadline of the request {@code ctx} (set at its arrival), or {@link Deadline#none()} for
   * a request that did not come through a {@link FunnelServer}.
   */
  public static Deadline deadline(Context ctx) {
    Deadline d = ctx.attribute(DEADLINE);
    return d == null ? Deadline.none() : d;
  }

  /** The limits of the server that received {@code ctx}, or {@link RequestLimits#unlimited()}. */
  public static RequestLimits limits(Context ctx) {
    RequestLimits l = ctx.attribute(LIMITS);
    return l == null ? RequestLimits.unlimited() : l;
  }

  public RequestLimits limits() {
    return limits;
  }

  /** The endpoints registered, as {@code "METHOD /path/{param}"} in Javalin's path syntax (the spec's check reads them). */
  public List<String> routes() {
    return List.copyOf(routes);
  }

  /** The methods a 405 lists (Javalin's {@code availableMethods} detail), comma-separated. */
  private static String allowedMethods(io.javalin.http.HttpResponseException e) {
    String m = e.getDetails().get("availableMethods");
    return m == null ? "" : m.replaceAll("[\\[\\]\\s]", "").replace(",", ", ");
  }

  /**
   * The API key (401/403), size checks (413, 400s), the events rate limit (429), then a slot to
   * work in (waiting at most half the deadline) or a 503.
   */
  private void admit(Context ctx) throws InterruptedException {
    hooks.start(ctx);
    if (ctx.path().equals("/health")) {
      return;
    }
    Deadline deadline = Deadline.after(limits.deadline());
    ctx.attribute(DEADLINE, deadline);
    ctx.attribute(LIMITS, limits);
    long length = ctx.contentLength();
    if (length > limits.maxBodyBytes()) {
      refused.increment();
      throw new ApiException(413, "body", length + " bytes", "request body too large: expected at most " + limits.maxBodyBytes()
          + " bytes (limit max_body_bytes)");
    }
    checkSizes(ctx);
    hooks.limit(ctx);
    // tryAcquire() would take a free slot ahead of requests already waiting; the timed form keeps the fair FIFO order
    if (!slots.tryAcquire(0, TimeUnit.NANOSECONDS)) {
      if (waiting.incrementAndGet() > limits.maxQueued()) {
        waiting.decrementAndGet();
        shed.increment();
        throw new ApiException(503, null, null, "overloaded: " + limits.maxConcurrent() + " requests running and " + limits.maxQueued()
            + " waiting (limits max_concurrent, max_queued); retry later");
      }
      boolean got;
      try {
        got = slots.tryAcquire(deadline.remainingNanos() / 2, TimeUnit.NANOSECONDS);
      } finally {
        waiting.decrementAndGet();
      }
      if (!got) {
        shed.increment();
        throw new ApiException(503, null, null, "overloaded: no slot within half the request deadline of " + limits.deadline().toMillis()
            + " ms (limits max_concurrent, deadline); retry later");
      }
    }
    ctx.attribute(ADMITTED, true);
  }

  /** The query and k limits of {@code POST /search} bodies and {@code k} query parameters. */
  private void checkSizes(Context ctx) {
    String k = ctx.queryParam("k");
    if (k != null) {
      try {
        if (Long.parseLong(k.trim()) > limits.maxK()) {
          throw tooBig("k", k, "expected k of at most " + limits.maxK() + " (limit max_k)");
        }
      } catch (NumberFormatException e) {
        // the route's own parsing names the parameter
      }
    }
    if (!ctx.method().name().equals("POST") || !ctx.path().equals("/search")) {
      return;
    }
    JsonNode body = Requests.object(ctx);
    JsonNode q = body.get("query");
    if (q != null && q.isTextual()) {
      String text = q.asText();
      if (text.length() > limits.maxQueryChars()) {
        throw tooBig("query", text, "expected a query of at most " + limits.maxQueryChars() + " characters, got " + text.length()
            + " (limit max_query_chars)");
      }
      int terms = RequestLimits.terms(text);
      if (terms > limits.maxQueryTerms()) {
        throw tooBig("query", text, "expected a query of at most " + limits.maxQueryTerms() + " terms, got " + terms + " (limit max_query_terms)");
      }
    }
    JsonNode kn = body.get("k");
    if (kn != null && kn.isIntegralNumber() && kn.asLong() > limits.maxK()) {
      throw tooBig("k", kn.toString(), "expected k of at most " + limits.maxK() + " (limit max_k)");
    }
  }

  private ApiException tooBig(String field, String value, String message) {
    refused.increment();
    return ApiException.badRequest(field, value.length() > 80 ? value.substring(0, 80) + "..." : value, message);
  }

  /** This process's resident set size from /proc/self/status (Linux), or null where there is none. */
  static Long residentBytes() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
      return null;
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static Map<String, Object> error(String message, String field, String value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    if (field != null) {
      m.put("field", field);
    }
    if (value != null) {
      m.put("value", value);
    }
    return m;
  }

  /** Starts listening; returns the bound port. */
  public int start(String host, int port) {
    app.start(host, port);
    return app.port();
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
