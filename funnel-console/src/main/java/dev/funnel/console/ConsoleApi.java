package dev.funnel.console;

import dev.funnel.server.ApiException;
import dev.funnel.server.ApiModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code GET /console}: the single-page web console, from static files inside this jar
 * ({@code console/app.js}, {@code console/console.css}) and the uPlot chart library from its
 * WebJar ({@code console/lib/uPlot.iife.min.js}, {@code console/lib/uPlot.min.css}). Nothing is
 * fetched from elsewhere; the page reads the server's public JSON API only.
 */
public final class ConsoleApi implements ApiModule {
  /** The uPlot version of the WebJar on the class path (the project's pinned {@code uplot.version}). */
  public static final String UPLOT_VERSION = "1.6.30";
  private static final String STATIC = "/dev/funnel/console/static/";
  private static final String WEBJAR = "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
  private static final Map<String, String> FILES = Map.of(
      "app.js", STATIC + "app.js",
      "console.css", STATIC + "console.css",
      "lib/uPlot.iife.min.js", WEBJAR + "uPlot.iife.min.js",
      "lib/uPlot.min.css", WEBJAR + "uPlot.min.css");

  @Override
  public void register(Javalin app) {
    app.get("/console", ctx -> serve(ctx, STATIC + "index.html"));
    app.get("/console/<file>", ctx -> {
      String path = FILES.get(ctx.pathParam("file"));
      if (path == null) {
        throw ApiException.notFound("file", ctx.pathParam("file"), "no such console file; expected one of " + FILES.keySet());
      }
      serve(ctx, path);
    });
  }

  private static void serve(Context ctx, String resource) throws IOException {
    try (InputStream in = ConsoleApi.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("console resource " + resource + " is missing from the jar");
      }
      byte[] bytes = in.readAllBytes();
      ctx.contentType(contentType(resource));
      ctx.header("Cache-Control", "no-cache");
      ctx.result(bytes);
    }
  }

  static String contentType(String resource) {
    if (resource.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (resource.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (resource.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "application/octet-stream";
  }
}
