package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.server.FunnelServer;
import dev.funnel.server.Requests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /search} against the real server on a free port. */
class SearchApiTest {
  private static FunnelServer server;
  private static String url;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = new FunnelServer(List.of(new SearchApi(TestCatalog.index())), Map.of("items", TestCatalog.index().size()));
    url = "http://127.0.0.1:" + server.start("127.0.0.1", 0) + "/search";
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode ok(String body) throws Exception {
    HttpResponse<String> r = post(body);
    assertEquals(200, r.statusCode(), r.body());
    return Requests.JSON.readTree(r.body());
  }

  @Test
  void returnsItemsWithFieldsAndProvenance() throws Exception {
    JsonNode r = ok("{\"query\": \"waterproof umbrella\", \"k\": 3, \"strategies\": [\"bm25\"]}");
    assertFalse(r.get("request_id").asText().isBlank());
    assertEquals("waterproof umbrella", r.get("query").asText());
    JsonNode items = r.get("items");
    assertTrue(items.size() >= 1 && items.size() <= 3);
    JsonNode top = items.get(0);
    assertEquals(1, top.get("rank").asInt());
    assertTrue(top.get("fields").get("text").get("title").asText().contains("umbrella"));
    assertTrue(top.get("fields").get("keywords").has("color"));
    assertTrue(top.get("fields").get("numbers").has("price"));
    JsonNode p = top.get("provenance").get(0);
    assertEquals("bm25", p.get("strategy").asText());
    assertEquals(1, p.get("rank").asInt());
    assertEquals(top.get("score").asDouble(), p.get("raw_score").asDouble(), 1e-9);
    assertTrue(r.get("took_ms").asDouble() >= 0);
  }

  @Test
  void severalStrategiesAreFusedWithEveryProvenance() throws Exception {
    JsonNode r = ok("{\"query\": \"ceramic mug\", \"k\": 10, \"strategies\": [\"bm25\", \"dense\"], \"filters\": {\"category\": \"kitchen\"}}");
    assertEquals(List.of("bm25", "dense"), List.of(r.get("strategies").get(0).asText(), r.get("strategies").get(1).asText()));
    Set<String> seen = new HashSet<>();
    double last = Double.POSITIVE_INFINITY;
    for (JsonNode it : r.get("items")) {
      assertEquals("kitchen", it.get("fields").get("keywords").get("category").get(0).asText());
      assertTrue(it.get("score").asDouble() <= last);
      last = it.get("score").asDouble();
      for (JsonNode p : it.get("provenance")) {
        seen.add(p.get("strategy").asText());
      }
    }
    assertEquals(Set.of("bm25", "dense"), seen);
    JsonNode both = r.get("items").get(0);
    assertEquals(2, both.get("provenance").size(), "the best fused item was found by both");
  }

  @Test
  void defaultsToHybridWithTenResults() throws Exception {
    JsonNode r = ok("{\"query\": \"gift\"}");
    assertEquals("hybrid", r.get("strategies").get(0).asText());
    assertEquals(10, r.get("items").size());
  }

  @Test
  void badRequestsNameTheField() throws Exception {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("{}", "query"),
        Map.entry("{\"query\": \"  \"}", "query"),
        Map.entry("{\"query\": 5}", "query"),
        Map.entry("{\"query\": \"mug\", \"k\": 0}", "k"),
        Map.entry("{\"query\": \"mug\", \"k\": 1001}", "k"),
        Map.entry("{\"query\": \"mug\", \"k\": \"ten\"}", "k"),
        Map.entry("{\"query\": \"mug\", \"strategies\": [\"bm25\", \"magic\"]}", "strategies"),
        Map.entry("{\"query\": \"mug\", \"strategies\": \"bm25\"}", "strategies"),
        Map.entry("{\"query\": \"mug\", \"strategies\": []}", "strategies"),
        Map.entry("{\"query\": \"mug\", \"filters\": [\"red\"]}", "filters"),
        Map.entry("{\"query\": \"mug\", \"filters\": {\"color\": 3}}", "filters.color"),
        Map.entry("{\"query\": \"mug\", \"filters\": {\"colour\": \"red\"}}", "filters.colour"),
        Map.entry("[1, 2]", "body"));
    for (Map.Entry<String, String> c : cases.entrySet()) {
      HttpResponse<String> r = post(c.getKey());
      assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.body());
      JsonNode err = Requests.JSON.readTree(r.body());
      assertEquals(c.getValue(), err.get("field").asText(), c.getKey() + " -> " + r.body());
      assertFalse(err.get("error").asText().isBlank());
    }
    JsonNode unknown = Requests.JSON.readTree(post("{\"query\": \"mug\", \"strategies\": [\"magic\"]}").body());
    assertEquals("magic", unknown.get("value").asText());
    assertTrue(unknown.get("error").asText().contains("bm25"), "lists the valid strategies");
  }
}
