package dev.funnel.server;

import dev.funnel.core.InvalidInputException;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP JSON API. Features contribute routes as {@link ApiModule}s; this class adds
 * {@code GET /health}, JSON errors ({@code {"error", "field", "value"}}) and the lifecycle.
 * Binds to 127.0.0.1 unless told otherwise; port 0 picks a free port.
 */
public final class FunnelServer implements AutoCloseable {
  private final Javalin app;

  public FunnelServer(List<ApiModule> modules, Map<String, Object> healthInfo) {
    this(modules, () -> healthInfo);
  }

  /** A server whose {@code /health} adds what {@code healthInfo} answers at each call (live counters). */
  public FunnelServer(List<ApiModule> modules, java.util.function.Supplier<Map<String, Object>> healthInfo) {
    app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      cfg.http.maxRequestSize = 32L * 1024 * 1024;
    });
    app.get("/health", ctx -> {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("status", "ok");
      h.putAll(healthInfo.get());
      ctx.json(h);
    });
    modules.forEach(m -> m.register(app));
    app.exception(ApiException.class, (e, ctx) -> {
      ctx.status(e.status());
      ctx.json(error(e.getMessage(), e.field(), e.value()));
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
