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
  private final RouteTemplates templates = new RouteTemplates();

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

  /** Tells the hooks a route the server has ({@code GET}, {@code /related/{item}}). */
  public void routeAdded(String method, String path) {
    templates.add(method, path);
  }

  /** The matched route template; for a request refused before its endpoint, the template its path matches; else {@code unmatched}. */
  String route(Context ctx) {
    String p;
    try {
      p = ctx.endpointHandlerPath();
    } catch (RuntimeException e) {
      p = null;
    }
    if (p != null && p.startsWith("/")) {
      return p;
    }
    int status = ctx.statusCode();
    return status == 404 || status == 405 ? "unmatched" : templates.match(ctx.method().name(), ctx.path());
  }
}
