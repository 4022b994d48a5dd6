package dev.funnel.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Size limits refused before any work, naming the limit; admission sheds with 503 and Retry-After; slots are given back after errors. */
class RequestLimitsTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static HttpResponse<String> post(int port, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Requests.JSON.readTree(r.body());
  }

  @Test
  void oversizedRequestsAreRefusedNamingTheLimit() throws Exception {
    ApiModule search = app -> app.post("/search", ctx -> ctx.json(Map.of("query", Requests.requiredText(Requests.object(ctx), "query"))));
    RequestLimits limits = new RequestLimits(2000, 100, 5, 50, 500, Duration.ofSeconds(5), 2, 2);
    try (FunnelServer s = new FunnelServer(List.of(search), Map::of, limits)) {
      int port = s.start("127.0.0.1", 0);
      assertEquals(200, post(port, "/search", "{\"query\": \"red mug\"}").statusCode());
      HttpResponse<String> big = post(port, "/search", "{\"query\": \"" + "x".repeat(3000) + "\"}");
      assertEquals(413, big.statusCode());
      assertTrue(json(big).get("error").asText().contains("max_body_bytes"), big.body());
      HttpResponse<String> longQuery = post(port, "/search", "{\"query\": \"" + "y".repeat(101) + "\"}");
      assertEquals(400, longQuery.statusCode());
      assertEquals("query", json(longQuery).get("field").asText());
      assertTrue(json(longQuery).get("error").asText().contains("max_query_chars"), longQuery.body());
      HttpResponse<String> terms = post(port, "/search", "{\"query\": \"a b c d e f\"}");
      assertEquals(400, terms.statusCode());
      assertTrue(json(terms).get("error").asText().contains("max_query_terms"), terms.body());
      HttpResponse<String> k = post(port, "/search", "{\"query\": \"a\", \"k\": 51}");
      assertEquals(400, k.statusCode());
      assertEquals("k", json(k).get("field").asText());
      assertTrue(json(k).get("error").asText().contains("max_k"), k.body());
      HttpResponse<String> kParam = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/related/x?k=51")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, kParam.statusCode());
      assertTrue(json(kParam).get("error").asText().contains("max_k"), kParam.body());
      for (int i = 0; i < 10; i++) { // errors give their slot back: 2 slots would be gone after 2 leaks
        assertEquals(400, post(port, "/search", "{\"query\": 3}").statusCode());
      }
      assertEquals(200, post(port, "/search", "{\"query\": \"red mug\"}").statusCode());
      JsonNode health = Requests.JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      assertEquals(0, health.get("load").get("running").asInt(), health.toString());
      assertEquals(5, health.get("load").get("refused_over_limit").asInt(), health.toString());
      assertEquals(100, health.get("limits").get("max_query_chars").asInt());
    }
  }

  @Test
  void overloadIsShedWithRetryAfterInsteadOfQueued() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ApiModule slow = app -> app.post("/slow", ctx -> {
      entered.countDown();
      release.await(30, TimeUnit.SECONDS);
      ctx.json(Map.of("ok", true));
    });
    RequestLimits limits = new RequestLimits(1 << 20, 100, 10, 100, 100, Duration.ofSeconds(30), 1, 0);
    try (FunnelServer s = new FunnelServer(List.of(slow), Map::of, limits)) {
      int port = s.start("127.0.0.1", 0);
      CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(entered.await(30, TimeUnit.SECONDS));
      HttpResponse<String> shed = post(port, "/slow", "{}");
      assertEquals(503, shed.statusCode());
      assertEquals("1", shed.headers().firstValue("Retry-After").orElse(null));
      assertTrue(json(shed).get("error").asText().contains("max_concurrent"), shed.body());
      HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), "health is never shed");
      release.countDown();
      assertEquals(200, first.get(30, TimeUnit.SECONDS).statusCode());
      assertEquals(200, post(port, "/slow", "{}").statusCode());
    }
  }

  @Test
  void termsAreWhitespaceSeparated() {
    assertEquals(0, RequestLimits.terms("  "));
    assertEquals(3, RequestLimits.terms(" red  mug\tlamp "));
  }
}
