package dev.funnel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/** Reading and validating JSON request bodies; every failure names the field. */
public final class Requests {
  public static final ObjectMapper JSON = new ObjectMapper();

  private Requests() {}

  private static final String PARSED = "funnel.body";

  /** The request's JSON body, parsed once per request (the server's size checks and the route share it). */
  public static JsonNode body(Context ctx) {
    JsonNode cached = ctx.attribute(PARSED);
    if (cached != null) {
      return cached;
    }
    JsonNode parsed = parse(ctx);
    ctx.attribute(PARSED, parsed);
    return parsed;
  }

  /**
   * Bodies up to this size with a declared length (and within the server's limit) are read in
   * one array of exactly that length. Javalin's own reader copies every body through an 8 KiB
   * buffer and a growing stream: for a typical 50-byte search that was the largest allocation of
   * a request (docs/performance.md). Anything else goes through Javalin, and its 413.
   */
  static final int DIRECT_READ_MAX = 64 * 1024;

  private static String raw(Context ctx) {
    long len = ctx.req().getContentLengthLong();
    if (len < 0 || len > DIRECT_READ_MAX || len > FunnelServer.limits(ctx).maxBodyBytes()) {
      return ctx.body();
    }
    String enc = ctx.req().getCharacterEncoding();
    java.nio.charset.Charset charset = enc == null ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(enc);
    try {
      return new String(ctx.req().getInputStream().readNBytes((int) len), charset);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the request body", e);
    }
  }

  private static JsonNode parse(Context ctx) {
    String raw = raw(ctx);
    if (raw.isBlank()) {
      throw ApiException.badRequest("body", "", "expected a JSON object");
    }
    try {
      return JSON.readTree(raw);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest("body", raw.length() > 80 ? raw.substring(0, 80) + "..." : raw,
          "expected valid JSON: " + e.getOriginalMessage());
    }
  }

  public static JsonNode object(Context ctx) {
    JsonNode n = body(ctx);
    if (!n.isObject()) {
      throw ApiException.badRequest("body", n.getNodeType(), "expected a JSON object");
    }
    return n;
  }

  public static String requiredText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || !v.isTextual()) {
      throw ApiException.badRequest(field, v == null ? null : v.toString(), "expected a string");
    }
    return v.asText();
  }

  public static String optionalText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest(field, v.toString(), "expected a string");
    }
    return v.asText();
  }

  public static int optionalInt(JsonNode n, String field, int fallback, int min, int max) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      throw ApiException.badRequest(field, v.toString(), "expected an integer in [" + min + ", " + max + "]");
    }
    return v.asInt();
  }

  public static double optionalDouble(JsonNode n, String field, double fallback, double min, double max) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
      throw ApiException.badRequest(field, v.toString(), "expected a number in [" + min + ", " + max + "]");
    }
    return v.asDouble();
  }

  /** A list of strings, or {@code null} when absent. */
  public static List<String> optionalStrings(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw ApiException.badRequest(field, v.toString(), "expected an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw ApiException.badRequest(field + "[" + i + "]", v.get(i).toString(), "expected a string");
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  /** An object of string values (for example keyword filters), or an empty map when absent. */
  public static java.util.Map<String, String> optionalStringMap(JsonNode n, String field) {
    JsonNode f = n.get(field);
    if (f == null || f.isNull()) {
      return java.util.Map.of();
    }
    if (!f.isObject()) {
      throw ApiException.badRequest(field, f.toString(), "expected an object of string values");
    }
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (java.util.Map.Entry<String, JsonNode> e : f.properties()) {
      if (!e.getValue().isTextual()) {
        throw ApiException.badRequest(field + "." + e.getKey(), e.getValue().toString(), "expected a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** A query parameter parsed as an integer in range, or {@code fallback}. */
  public static int queryInt(Context ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, raw, "expected an integer in [" + min + ", " + max + "]");
    }
  }
}
