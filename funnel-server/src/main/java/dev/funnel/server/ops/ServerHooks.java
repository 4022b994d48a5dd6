package dev.funnel.server.ops;

import dev.funnel.server.access.AccessControl;
import dev.funnel.server.access.RateLimiter;
import io.javalin.http.Context;
import java.util.List;

/**
 * The {@link ServerFeatures} at work in a server's request lifecycle: {@link #start} when a
 * request arrives (clock, access control), {@link #limit} once its size is checked (the events
 * rate limit), {@link #finish} when it is answered (metrics, access log, {@code X-Request-Id}).
 */
public final class ServerHooks {
  private static final String STARTED = "funnel.started";
  private final ServerFeatures features;
  private final AccessControl access;
  private final RateLimiter rate;
  private final AccessLog log = new AccessLog();

  public ServerHooks(ServerFeatures features) {
    this.features = features;
    this.access = features.accessControl();
    this.rate = features.rateLimiter();
  }

  public ServerFeatures features() {
    return features;
  }

  public RateLimiter rateLimiter() {
    return rate;
  }

  /** Notes the arrival time and checks the API key (a 401 or 403 otherwise). */
  public void start(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
    RequestScope.clear();
    access.check(ctx);
  }

  /** Checks the events rate limit (a 429 otherwise). */
  public void limit(Context ctx) {
    rate.check(ctx);
  }

  /** Records the answered request. */
  public void finish(Context ctx) {
    Long started = ctx.attribute(STARTED);
    long nanos = started == null ? 0 : System.nanoTime() - started;
    RequestScope.Served served = RequestScope.take();
    String requestId = served != null ? served.requestId() : ctx.header("X-Request-Id");
    if (served != null && served.requestId() != null) {
      ctx.header("X-Request-Id", served.requestId());
    }
    if (features.metrics() == null && !features.accessLog()) {
      return;
    }
    String method = ctx.method().name();
    String route = route(ctx);
    int status = ctx.statusCode();
    if (features.metrics() != null) {
      features.metrics().record(method, route, status, nanos, served == null ? List.of() : served.strategies());
    }
    if (features.accessLog()) {
      log.log(method, route, ctx.path(), status, nanos / 1e6, requestId);
    }
  }

  /** The matched route template, or {@code unmatched}. */
  static String route(Context ctx) {
    try {
      String p = ctx.endpointHandlerPath();
      return p == null || !p.startsWith("/") ? "unmatched" : p;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }
}
