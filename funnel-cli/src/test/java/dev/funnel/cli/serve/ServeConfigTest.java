package dev.funnel.cli.serve;

import dev.funnel.assembly.ServerAssembly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.server.ops.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --config} over HTTP on the Amazon catalog (a seeded synthetic one without
 * ../shared/data): API keys (401, 403), the body limit (413), the events rate limit (429),
 * JSON 404/405, events without a timestamp, and a {@code /metrics} scrape parsed by a Prometheus
 * text-format parser whose loop series move after searches and clicks.
 */
class ServeConfigTest {
  private static final String READ = "read-key-for-tests-0001";
  private static final String ADMIN = "admin-key-for-tests-0001";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static HttpResponse<String> send(String base, String method, String path, String body, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The Amazon Gift Cards index when ../shared/data is there, a seeded synthetic one otherwise; returns a query for it. */
  private String index(Path idx) throws Exception {
    java.util.Optional<Path> meta = dev.funnel.core.util.SharedData.resolve(DemoCommand.AMAZON_META);
    if (meta.isPresent()) {
      ServedLoopEndToEndTest.cli("index", "--format", "amazon", "--input", meta.get().toString(), "--index", idx.toString(), "--no-vectors", "--skip-bad");
      return "gift card";
    }
    List<String> lines = new java.util.ArrayList<>();
    String[] words = {"red", "blue", "mug", "lamp", "chair", "card", "gift", "wool", "steel", "oak"};
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    for (int i = 0; i < 300; i++) {
      lines.add("{\"id\": \"p" + i + "\", \"title\": \"" + words[r.nextInt(10)] + " " + words[r.nextInt(10)] + " " + words[r.nextInt(10)] + "\"}");
    }
    Path file = dir.resolve("catalog.jsonl");
    Files.write(file, lines);
    ServedLoopEndToEndTest.cli("index", "--input", file.toString(), "--index", idx.toString(), "--text-fields", "title", "--no-vectors");
    return "gift card";
  }

  @Test
  void aConfiguredServerGuardsLimitsAndExposesItsMetrics() throws Exception {
    Path idx = dir.resolve("index");
    String query = index(idx);
    Path config = dir.resolve("funnel.yaml");
    Files.writeString(config, """
        catalog:
          index: %s
        events:
          dir: %s
        state:
          dir: %s
        server:
          port: 0
        loop:
          autosave: "0"
        limits:
          max_body_bytes: 4096
          events_per_second: 1
          events_burst: 5
        auth:
          read_keys: [%s]
          admin_keys: [%s]
        metrics:
          enabled: true
        logging:
          access_log: true
        """.formatted(idx, dir.resolve("events"), dir.resolve("state"), READ, ADMIN));
    ServeCommand serve = ServeCommand.withConfig(config);
    assertEquals("127.0.0.1", serve.host(), "binds 127.0.0.1 unless the config says otherwise");
    try (ServerAssembly api = serve.assemble()) {
      String base = "http://127.0.0.1:" + api.start(serve.host(), serve.port());
      String search = "{\"query\": \"" + query + "\", \"k\": 5}";
      assertEquals(200, send(base, "GET", "/health", null, null).statusCode());
      HttpResponse<String> anonymous = send(base, "POST", "/search", search, null);
      assertEquals(401, anonymous.statusCode(), anonymous.body());
      assertEquals("authorization", JSON.readTree(anonymous.body()).get("field").asText());
      assertEquals(401, send(base, "POST", "/search", search, "wrong-key-0000000000000").statusCode());
      assertEquals(401, send(base, "GET", "/metrics", null, null).statusCode(), "metrics need a key when keys are set");
      PrometheusText before = new PrometheusText(send(base, "GET", "/metrics", null, READ).body());

      HttpResponse<String> served = send(base, "POST", "/search", search, READ);
      assertEquals(200, served.statusCode(), served.body());
      JsonNode answer = JSON.readTree(served.body());
      String requestId = answer.get("request_id").asText();
      assertEquals(requestId, served.headers().firstValue("X-Request-Id").orElse(null));
      String item = answer.get("items").get(0).get("id").asText();
      HttpResponse<String> click = send(base, "POST", "/events",
          "{\"type\": \"click\", \"request_id\": \"" + requestId + "\", \"item_id\": \"" + item + "\", \"position\": 1}", READ);
      assertEquals(200, click.statusCode(), click.body());
      assertEquals(1, JSON.readTree(click.body()).get("server_timestamps").asInt(), "no timestamp: the server's clock, and it says so");
      send(base, "POST", "/events", "{\"type\": \"click\", \"request_id\": \"never-served\", \"item_id\": \"" + item + "\", \"position\": 2}", READ);

      HttpResponse<String> big = send(base, "POST", "/search", "{\"query\": \"" + "x ".repeat(3000) + "\"}", READ);
      assertEquals(413, big.statusCode(), big.body());
      HttpResponse<String> flood = send(base, "POST", "/events", "[" + String.join(",", java.util.Collections.nCopies(4,
          "{\"type\": \"impression\", \"request_id\": \"" + requestId + "\", \"item_id\": \"" + item + "\", \"position\": 1}")) + "]", READ);
      assertEquals(429, flood.statusCode(), "5 events at once, then 1 a second: " + flood.body());
      assertTrue(flood.headers().firstValue("Retry-After").isPresent());
      HttpResponse<String> readOnAdmin = send(base, "DELETE", "/items/" + item, null, READ);
      assertEquals(403, readOnAdmin.statusCode(), readOnAdmin.body());
      HttpResponse<String> unknown = send(base, "GET", "/nowhere", null, ADMIN);
      assertEquals(404, unknown.statusCode());
      assertEquals("path", JSON.readTree(unknown.body()).get("field").asText());
      HttpResponse<String> method = send(base, "PUT", "/search", "{}", ADMIN);
      assertEquals(405, method.statusCode(), method.body());
      assertEquals("method", JSON.readTree(method.body()).get("field").asText());

      PrometheusText after = new PrometheusText(send(base, "GET", "/metrics", null, READ).body());
      for (String family : List.of("funnel_http_request_seconds", "funnel_http_requests_total", "funnel_search_strategy_seconds",
          "funnel_bandit_decisions_total", "funnel_bandit_updates_total", "funnel_bandit_strategy_reward_share", "funnel_events_total",
          "funnel_events_stored", "funnel_events_unknown_request_total", "funnel_memory_feedback_keys", "funnel_memory_feedback_pairs",
          "funnel_memory_max_pairs", "funnel_memory_evicted_pairs_total", "funnel_qu_click_units", "funnel_qu_max_units",
          "funnel_qu_evicted_units_total", "funnel_retrainings_total",
          "funnel_retraining_last_duration_seconds", "jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds")) {
        assertTrue(after.has(family), family + " in " + after.families().keySet());
      }
      assertEquals(dev.funnel.memory.MemoryIndex.DEFAULT_MAX_PAIRS, after.value("funnel_memory_max_pairs", Map.of()));
      assertEquals(dev.funnel.query.QueryUnderstanding.DEFAULT_MAX_UNITS, after.value("funnel_qu_max_units", Map.of()));
      assertEquals(4, after.value("funnel_http_request_seconds", Map.of("method", "POST", "route", "/search")), "two 401s, a 200 and a 413");
      assertEquals(1, after.value("funnel_http_requests_total", Map.of("route", "/search", "status", "200")), "one search got through");
      assertEquals(1, after.value("funnel_http_requests_total", Map.of("route", "/search", "status", "413")));
      assertEquals(2, after.value("funnel_http_requests_total", Map.of("route", "/search", "status", "401")));
      assertEquals(1, after.value("funnel_http_requests_total", Map.of("route", "/events", "status", "429")));
      assertEquals(1, after.value("funnel_bandit_decisions_total", Map.of()) - before.value("funnel_bandit_decisions_total", Map.of()));
      assertEquals(2, after.value("funnel_events_total", Map.of("type", "click")) - before.value("funnel_events_total", Map.of("type", "click")));
      assertEquals(2, after.value("funnel_events_stored", Map.of()) - before.value("funnel_events_stored", Map.of()));
      assertTrue(after.value("funnel_events_unknown_request_total", Map.of()) >= 1, "the never-served request id is counted");
      assertTrue(after.value("funnel_search_strategy_seconds", Map.of()) >= 1);
      JsonNode health = JSON.readTree(send(base, "GET", "/health", null, null).body());
      assertEquals(true, health.get("access").get("auth").asBoolean());
      assertEquals(1, health.get("load").get("rate_limited").asInt());
    }
  }
}
