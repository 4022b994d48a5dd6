package dev.funnel.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.util.SharedData;
import dev.funnel.server.OpenApiSpec;
import dev.funnel.server.ops.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code funnel serve --config FILE} as operations run it: the CLI's main in a JVM of its own
 * ({@link ServeProcess}), started from nothing but a YAML file over the real Amazon Gift Cards
 * catalog of ../shared/data (skipped, saying so, without it). Over HTTP: {@code /health} answers
 * without a key; {@code /openapi.json} is the spec every other answer here is validated against;
 * {@code /metrics} parses as Prometheus text and counts this test's own requests; an item added
 * with the admin key is found by the first search after the acknowledgement, a deleted one
 * never again; a missing or wrong key gets a 401, a read key on an admin route a 403, a body over
 * the configured limit a 413. The in-process {@code OpenApiServeTest} calls every route; this
 * test shows the same configuration works through the real launcher path.
 */
class ServeConfigProcessTest {
  private static final String READ = "read-key-for-process-0001";
  private static final String ADMIN = "admin-key-for-process-0001";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  @TempDir Path dir;

  private static HttpResponse<String> send(String base, String method, String path, String body, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aServeProcessStartedFromItsConfigFileAnswersAsTheSpecSays() throws Exception {
    Optional<Path> meta = SharedData.resolve(DemoCommand.AMAZON_META);
    assumeTrue(meta.isPresent(), "the Amazon Gift Cards catalog (" + DemoCommand.AMAZON_META + " under ../shared/data) is absent: "
        + "this end-to-end test of `serve --config` needs it");
    Path idx = dir.resolve("index");
    ServedLoopEndToEndTest.cli("index", "--format", "amazon", "--input", meta.get().toString(), "--index", idx.toString(), "--no-vectors", "--skip-bad");
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
        auth:
          read_keys: [%s]
          admin_keys: [%s]
        metrics:
          enabled: true
        logging:
          access_log: true
        """.formatted(idx, dir.resolve("events"), dir.resolve("state"), READ, ADMIN));
    assertEquals(0, dev.funnel.cli.FunnelCli.commandLine().execute("config", "check", config.toString()), "the file passes `config check`");

    try (ServeProcess serve = new ServeProcess(List.of("--config", config.toString()))) {
      String base = serve.base;
      String context = "\nserver output:\n";

      // the spec, served without a key, is the one checked into the build
      HttpResponse<String> served = send(base, "GET", "/openapi.json", null, null);
      assertEquals(200, served.statusCode(), served.body() + context + serve.output());
      JsonNode document = JSON.readTree(served.body());
      assertEquals(JSON.readTree(OpenApiSpec.load()), document);
      OpenApiContract spec = new OpenApiContract(document);
      spec.check("GET", "/openapi.json", served, 200);

      JsonNode health = spec.check("GET", "/health", send(base, "GET", "/health", null, null), 200);
      assertEquals("ok", health.path("status").asText(), health.toString());
      assertTrue(health.path("items").asInt() > 1000, "the whole Amazon Gift Cards catalog is served: " + health.path("items"));
      assertEquals(4096, health.path("limits").path("max_body_bytes").asInt(), "the limit comes from the config file");

      // keys: none or a wrong one is a 401 naming the header; a read key may not change items (403)
      String query = "gift card";
      String search = "{\"query\": \"" + query + "\", \"k\": 5}";
      JsonNode anonymous = spec.check("POST", "/search", send(base, "POST", "/search", search, null), 401);
      assertEquals("authorization", anonymous.get("field").asText(), anonymous.toString());
      spec.check("POST", "/search", send(base, "POST", "/search", search, "wrong-key-00000000000000"), 401);
      spec.check("GET", "/metrics", send(base, "GET", "/metrics", null, null), 401);
      JsonNode first = spec.check("POST", "/search", send(base, "POST", "/search", search, READ), 200);
      assertTrue(first.get("items").size() > 0, "the Amazon catalog answers '" + query + "': " + first);

      String title = "zeppelin harmonica quartz";
      String record = "{\"title\": \"" + title + "\", \"description\": \"Brass reeds, key of C.\", \"brand\": \"Zephyrix\", \"price\": \"19.50\"}";
      spec.check("PUT", "/items/{id}", send(base, "PUT", "/items/zz-process-1", record, READ), 403);
      spec.check("PUT", "/items/{id}", send(base, "PUT", "/items/zz-process-1", record, null), 401);
      spec.check("POST", "/search", send(base, "POST", "/search", "{\"query\": \"" + "x ".repeat(3000) + "\"}", READ), 413);

      // an item added by the admin key is served by the first search after the acknowledgement
      String find = "{\"query\": \"" + title + "\", \"strategies\": [\"bm25\"], \"k\": 10}";
      assertFalse(ids(spec, base, find).contains("zz-process-1"));
      JsonNode put = spec.check("PUT", "/items/{id}", send(base, "PUT", "/items/zz-process-1", record, ADMIN), 200);
      assertEquals(1, put.get("added").asInt(), put.toString());
      List<String> found = ids(spec, base, find);
      assertEquals("zz-process-1", found.isEmpty() ? null : found.get(0), "the new item is the best match for its own title: " + found);
      assertTrue(ids(spec, base, "{\"query\": \"" + title + "\", \"k\": 10}").contains("zz-process-1"), "whichever strategies the bandit picks");
      spec.check("DELETE", "/items/{id}", send(base, "DELETE", "/items/zz-process-1", null, ADMIN), 200);
      assertFalse(ids(spec, base, find).contains("zz-process-1"), "a deleted item is not served");

      // metrics: Prometheus text that counts the requests above, with JVM metrics beside them
      HttpResponse<String> scrape = send(base, "GET", "/metrics", null, READ);
      spec.check("GET", "/metrics", scrape, 200);
      PrometheusText metrics = new PrometheusText(scrape.body());
      for (String family : List.of("funnel_http_request_seconds", "funnel_http_requests_total", "funnel_search_strategy_seconds",
          "funnel_bandit_decisions_total", "funnel_events_stored", "jvm_memory_used_bytes", "process_uptime_seconds")) {
        assertTrue(metrics.has(family), family + " in " + metrics.families().keySet());
      }
      assertEquals(2, metrics.value("funnel_http_requests_total", Map.of("route", "/search", "status", "401")), "two searches without a valid key");
      assertEquals(1, metrics.value("funnel_http_requests_total", Map.of("route", "/search", "status", "413")));
      assertTrue(metrics.value("funnel_http_requests_total", Map.of("route", "/search", "status", "200")) >= 5, "five searches got through");
      assertEquals(1, metrics.value("funnel_http_requests_total", Map.of("method", "PUT", "status", "403")), "the read key's PUT is counted");
      assertTrue(serve.process.isAlive(), "the server still runs" + context + serve.output());
    }
  }

  /** The ids {@code POST /search} serves for {@code body}, the answer validated against the spec. */
  private static List<String> ids(OpenApiContract spec, String base, String body) throws Exception {
    List<String> out = new ArrayList<>();
    spec.check("POST", "/search", send(base, "POST", "/search", body, READ), 200).get("items").forEach(i -> out.add(i.get("id").asText()));
    return out;
  }
}
