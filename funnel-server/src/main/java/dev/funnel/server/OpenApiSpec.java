package dev.funnel.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of every route of the server, a
 * hand-maintained resource of this jar ({@code dev/funnel/server/openapi.json}, copied to
 * docs/openapi.json). It is open like {@code /health}: no API key is needed to read it.
 */
public final class OpenApiSpec implements ApiModule {
  /** The class-path resource holding the spec. */
  public static final String RESOURCE = "/dev/funnel/server/openapi.json";
  private final String text;

  public OpenApiSpec() {
    this.text = load();
  }

  /** The spec, as served. */
  public static String load() {
    try (InputStream in = OpenApiSpec.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the OpenAPI spec " + RESOURCE + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void register(Javalin app) {
    app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(text));
  }
}
