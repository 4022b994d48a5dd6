package dev.funnel.server.access;

import dev.funnel.server.ApiException;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Checks the API key of each request against the role its route needs. The key comes in
 * {@code Authorization: Bearer KEY} or {@code X-Api-Key: KEY}. Without configured keys every
 * request passes. A missing or unknown key is a 401 (with {@code WWW-Authenticate: Bearer}), a
 * read key on an admin route a 403.
 */
public final class AccessControl {
  private final ApiKeys keys;

  public AccessControl(ApiKeys keys) {
    this.keys = keys;
  }

  public ApiKeys keys() {
    return keys;
  }

  /**
   * The role a route needs: {@code GET /health} and {@code GET /openapi.json} are open; {@code /items...} and {@code /models...}
   * are admin; other reads ({@code GET}, {@code HEAD}) and {@code POST /search}, {@code POST
   * /events} are read; every other mutating request is admin.
   */
  public static Role required(String method, String path) {
    if (path.equals("/health") || path.equals("/openapi.json")) {
      return Role.OPEN;
    }
    if (path.equals("/items") || path.startsWith("/items/") || path.equals("/models") || path.startsWith("/models/")) {
      return Role.ADMIN;
    }
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return Role.READ;
    }
    if (method.equals("POST") && (path.equals("/search") || path.equals("/events"))) {
      return Role.READ;
    }
    return Role.ADMIN;
  }

  /** The key a request presents, or null. */
  public static String presented(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).trim();
    }
    String key = ctx.header("X-Api-Key");
    return key == null ? null : key.trim();
  }

  /** Passes, or throws the 401 or 403 of the request. */
  public void check(Context ctx) {
    if (!keys.enabled()) {
      return;
    }
    Role needed = required(ctx.method().name(), ctx.path());
    if (needed == Role.OPEN) {
      return;
    }
    String key = presented(ctx);
    Optional<Role> role = keys.roleOf(key);
    if (role.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(401, "authorization", key == null ? null : ApiKeys.mask(key), key == null
          ? "missing API key: send 'Authorization: Bearer KEY' or 'X-Api-Key: KEY' with a " + needed.name().toLowerCase(java.util.Locale.ROOT) + " key"
          : "unknown API key");
    }
    if (needed == Role.ADMIN && role.get() != Role.ADMIN) {
      throw new ApiException(403, "authorization", ApiKeys.mask(key),
          "this API key has the read role; " + ctx.method() + " " + ctx.path() + " needs an admin key");
    }
  }
}
