package dev.funnel.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.server.ApiModule;
import dev.funnel.server.FunnelServer;
import dev.funnel.server.RequestLimits;
import dev.funnel.server.Requests;
import dev.funnel.server.access.ApiKeys;
import dev.funnel.server.access.RateLimit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** API keys, the events rate limit, the body limit, JSON 404/405, metrics and the access log over real HTTP. */
class ServerFeaturesTest {
  private static final String READ = "read-key-0123456789";
  private static final String ADMIN = "admin-key-0123456789";
  private static final List<ApiModule> ROUTES = List.of(app -> {
    app.post("/search", ctx -> {
      RequestScope.served("req-42", List.of("bm25", "dense"));
      ctx.json(Map.of("request_id", "req-42"));
    });
    app.post("/events", ctx -> ctx.json(Map.of("accepted", Requests.body(ctx).isArray() ? Requests.body(ctx).size() : 1)));
    app.get("/related/{item}", ctx -> ctx.json(Map.of("item", ctx.pathParam("item"))));
    app.post("/items", ctx -> ctx.json(Map.of("ok", true)));
  });
  private final HttpClient http = HttpClient.newHttpClient();

  private static FunnelServer server(ServerFeatures f, long maxBody) {
    RequestLimits d = RequestLimits.defaults();
    RequestLimits limits = new RequestLimits(maxBody, d.maxQueryChars(), d.maxQueryTerms(), d.maxK(), d.maxRequestCandidates(), Duration.ofSeconds(5),
        d.maxConcurrent(), d.maxQueued());
    return new FunnelServer(ROUTES, Map::of, limits, f);
  }

  private HttpResponse<String> send(int port, String method, String path, String body, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Requests.JSON.readTree(r.body());
  }

  @Test
  void apiKeysGuardEveryRouteButHealth() throws Exception {
    ServerFeatures f = new ServerFeatures(new ApiKeys(List.of(READ), List.of(ADMIN)), RateLimit.off(), null, false);
    try (FunnelServer s = server(f, 1 << 20)) {
      int port = s.start("127.0.0.1", 0);
      assertEquals(200, send(port, "GET", "/health", null, null).statusCode(), "health stays open for probes");
      HttpResponse<String> missing = send(port, "POST", "/search", "{\"query\": \"a\"}", null);
      assertEquals(401, missing.statusCode());
      assertEquals("authorization", json(missing).get("field").asText());
      assertTrue(json(missing).get("error").asText().startsWith("missing API key"), missing.body());
      assertEquals("Bearer", missing.headers().firstValue("WWW-Authenticate").orElse(null));
      HttpResponse<String> wrong = send(port, "POST", "/search", "{\"query\": \"a\"}", "not-a-key-0123456789");
      assertEquals(401, wrong.statusCode());
      assertEquals("not-...", json(wrong).get("value").asText(), "a wrong key is shown masked");
      assertEquals(200, send(port, "POST", "/search", "{\"query\": \"a\"}", READ).statusCode());
      assertEquals(200, send(port, "GET", "/related/i1", null, READ).statusCode());
      assertEquals(200, send(port, "POST", "/events", "[]", READ).statusCode());
      HttpResponse<String> readOnAdmin = send(port, "POST", "/items", "{}", READ);
      assertEquals(403, readOnAdmin.statusCode(), readOnAdmin.body());
      assertEquals(401, send(port, "POST", "/items", "{}", null).statusCode());
      assertEquals(200, send(port, "POST", "/items", "{}", ADMIN).statusCode());
      assertEquals(200, send(port, "POST", "/search", "{\"query\": \"a\"}", ADMIN).statusCode(), "an admin key may read");
      HttpRequest viaHeader = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/related/i1")).header("X-Api-Key", READ).build();
      assertEquals(200, http.send(viaHeader, HttpResponse.BodyHandlers.ofString()).statusCode());
    }
  }

  @Test
  void eventFloodsGet429WithRetryAfterAndBigBodies413() throws Exception {
    ServerFeatures f = new ServerFeatures(ApiKeys.none(), new RateLimit(0.5, 3), null, false);
    try (FunnelServer s = server(f, 200)) {
      int port = s.start("127.0.0.1", 0);
      assertEquals(200, send(port, "POST", "/events", "[{}, {}]", null).statusCode());
      assertEquals(200, send(port, "POST", "/events", "{}", null).statusCode());
      HttpResponse<String> flood = send(port, "POST", "/events", "{}", null);
      assertEquals(429, flood.statusCode(), flood.body());
      assertEquals("events", json(flood).get("field").asText());
      long retry = Long.parseLong(flood.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retry >= 1 && retry <= 2, "one event at 0.5 a second is at most 2 s away, got " + retry);
      HttpResponse<String> tooMany = send(port, "POST", "/events", "[{}, {}, {}, {}]", null);
      assertEquals(429, tooMany.statusCode());
      assertTrue(json(tooMany).get("error").asText().contains("events_burst"), tooMany.body());
      assertEquals(200, send(port, "POST", "/search", "{\"query\": \"a\"}", null).statusCode(), "searches are not rate limited");
      HttpResponse<String> big = send(port, "POST", "/search", "{\"query\": \"" + "a".repeat(300) + "\"}", null);
      assertEquals(413, big.statusCode());
      assertEquals("body", json(big).get("field").asText());
      JsonNode health = json(send(port, "GET", "/health", null, null));
      assertEquals(2, health.get("load").get("rate_limited").asInt());
    }
  }

  @Test
  void unknownRoutesAndMethodsAreJsonErrors() throws Exception {
    try (FunnelServer s = server(ServerFeatures.none(), 1 << 20)) {
      int port = s.start("127.0.0.1", 0);
      HttpResponse<String> none = send(port, "GET", "/nowhere", null, null);
      assertEquals(404, none.statusCode());
      assertEquals("path", json(none).get("field").asText());
      assertEquals("/nowhere", json(none).get("value").asText());
      HttpResponse<String> method = send(port, "DELETE", "/search", null, null);
      assertEquals(405, method.statusCode(), method.body());
      assertEquals("method", json(method).get("field").asText());
      assertEquals("DELETE", json(method).get("value").asText());
      assertTrue(json(method).get("error").asText().contains("POST"), method.body());
      assertEquals("POST", method.headers().firstValue("Allow").orElse(null));
    }
  }

  @Test
  void metricsMoveAfterRequestsAndEachRequestIsLoggedOnce() throws Exception {
    Logger access = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    access.addAppender(lines);
    try (ServerMetrics metrics = new ServerMetrics();
        FunnelServer s = server(new ServerFeatures(ApiKeys.none(), RateLimit.off(), metrics, true), 1 << 20)) {
      int port = s.start("127.0.0.1", 0);
      PrometheusText before = new PrometheusText(send(port, "GET", "/metrics", null, null).body());
      for (String family : List.of("jvm_memory_used_bytes", "jvm_gc_pause_seconds", "jvm_threads_live_threads", "process_uptime_seconds")) {
        assertTrue(before.has(family) || family.equals("jvm_gc_pause_seconds"), family + " in " + before.families().keySet());
      }
      HttpResponse<String> search = send(port, "POST", "/search", "{\"query\": \"a\"}", null);
      assertEquals("req-42", search.headers().firstValue("X-Request-Id").orElse(null));
      send(port, "POST", "/search", "{\"query\": \"a\"}", null);
      send(port, "GET", "/related/i7", null, null);
      send(port, "GET", "/nowhere", null, null);
      HttpResponse<String> scrape = send(port, "GET", "/metrics", null, null);
      assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      PrometheusText after = new PrometheusText(scrape.body());
      assertEquals(2, after.value("funnel_http_request_seconds", Map.of("method", "POST", "route", "/search")));
      assertEquals(1, after.value("funnel_http_request_seconds", Map.of("route", "/related/{item}")), "routes are templates");
      assertEquals(2, after.value("funnel_http_requests_total", Map.of("route", "/search", "status", "200")));
      assertEquals(1, after.value("funnel_http_requests_total", Map.of("route", "unmatched", "status", "404")), scrape.body().lines().filter(l -> l.startsWith("funnel_http_requests_total")).toList().toString());
      assertEquals(2, after.value("funnel_search_strategy_seconds", Map.of("strategy", "dense")));
      assertEquals(0, before.value("funnel_http_requests_total", Map.of("route", "/search")));
      List<String> logged = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertTrue(logged.stream().anyMatch(l -> l.startsWith("POST /search 200 took_ms=") && l.endsWith("request_id=req-42")), logged.toString());
      assertTrue(logged.stream().anyMatch(l -> l.startsWith("GET /nowhere 404 ")), logged.toString());
      assertEquals(6, logged.size(), "one line per request: " + logged);
      ILoggingEvent first = lines.list.get(1);
      assertNotNull(first.getKeyValuePairs());
      assertTrue(first.getKeyValuePairs().stream().anyMatch(kv -> kv.key.equals("took_ms")));
      assertFalse(logged.stream().anyMatch(l -> l.contains("\r")));
    } finally {
      access.detachAppender(lines);
    }
  }
}
