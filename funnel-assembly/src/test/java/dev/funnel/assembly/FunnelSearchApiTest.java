package dev.funnel.assembly;

import dev.funnel.learning.FunnelLoop;
import dev.funnel.learning.LoopOptions;
import dev.funnel.serving.FunnelSearchApi;
import dev.funnel.serving.FunnelConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.Event;
import dev.funnel.events.EventsApi;
import dev.funnel.events.FileEventLog;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.server.FunnelServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunnelSearchApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path tmp;
  private static CatalogIndex index;
  private static FileEventLog events;
  private static FunnelLoop loop;
  private static FunnelServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    index = TinyShop.index(tmp.resolve("index"));
    events = FileEventLog.open(tmp.resolve("events"));
    loop = LoopAssembly.open(index, index.items(), index::item, null, tmp.resolve("state"),
        LoopOptions.defaults(List.of("bm25", "memory", "structured"), 3).withFunnel(FunnelConfig.defaults(3).withBackgroundRetraining(false)));
    server = new FunnelServer(List.of(new FunnelSearchApi(loop.funnel()),
        new EventsApi(events, loop.funnel().ledger()::contains).onEvents(loop.feedback())), Map.of());
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    loop.close();
    events.close();
    index.close();
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void fullFunnelAnswersWithDecisionProvenanceAndExplanation() throws Exception {
    HttpResponse<String> r = post("/search", "{\"query\": \"acme lamp\", \"k\": 4, \"user\": \"u9\"}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode n = JSON.readTree(r.body());
    assertFalse(n.path("request_id").asText().isBlank());
    assertEquals("prior", n.path("decision").path("policy").asText(), "a fresh bandit decides from the cold-start prior");
    double propensity = n.path("decision").path("propensity").asDouble();
    assertTrue(propensity > 0 && propensity <= 1, r.body());
    assertTrue(n.path("interpretation").has("type"));
    assertEquals(4, n.path("items").size());
    for (JsonNode item : n.path("items")) {
      assertTrue(item.path("found_by").size() >= 1, item.toString());
      assertTrue(item.path("provenance").get(0).has("raw_score"));
      assertTrue(item.path("why").size() >= 1, item.toString());
      assertTrue(item.path("fields").has("text"));
    }
    // feedback through POST /events reaches the loop
    String id = n.path("items").get(1).path("id").asText();
    HttpResponse<String> e = post("/events", "{\"type\": \"click\", \"request_id\": \"" + n.path("request_id").asText() + "\", \"item_id\": \"" + id
        + "\", \"position\": 2, \"timestamp\": \"2026-11-22T12:00:00Z\"}");
    assertEquals(200, e.statusCode(), e.body());
    assertEquals(0, JSON.readTree(e.body()).path("unknown_request_ids").asInt());
    assertEquals(1, loop.memory().stats("acme lamp", id).clicks());
    HttpResponse<String> unknown = post("/events", "{\"type\": \"click\", \"request_id\": \"nope\", \"item_id\": \"t0-1\", \"position\": 1, \"timestamp\": 1}");
    assertEquals(200, unknown.statusCode());
    assertEquals(1, JSON.readTree(unknown.body()).path("unknown_request_ids").asInt());
    List<Event> stored = new java.util.ArrayList<>();
    events.scan(stored::add);
    assertTrue(stored.size() >= 2);
  }

  @Test
  void namedStrategiesRunExactlyThoseAsAFixedDecisionWithARecordedRequestId() throws Exception {
    HttpResponse<String> r = post("/search", "{\"query\": \"lamp\", \"k\": 3, \"strategies\": [\"bm25\"]}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode n = JSON.readTree(r.body());
    assertEquals("fixed", n.path("decision").path("policy").asText());
    assertEquals(Map.of("bm25", 100), JSON.convertValue(n.path("decision").path("budgets"), Map.class));
    assertEquals(3, n.path("items").size());
    for (JsonNode item : n.path("items")) {
      assertEquals(List.of("bm25"), JSON.convertValue(item.path("found_by"), List.class));
    }
    // a catalog-only request is recorded like any other: its events join
    HttpResponse<String> e = post("/events", "{\"type\": \"click\", \"request_id\": \"" + n.path("request_id").asText() + "\", \"item_id\": \""
        + n.path("items").get(0).path("id").asText() + "\", \"position\": 1, \"timestamp\": \"2026-11-22T12:00:00Z\"}");
    assertEquals(0, JSON.readTree(e.body()).path("unknown_request_ids").asInt(), e.body());
  }

  @Test
  void traceListsTheStagesInOrderOnceEachWithTheirTimes() throws Exception {
    HttpResponse<String> r = post("/search", "{\"query\": \"acme lamp\", \"k\": 3, \"trace\": true}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode trace = JSON.readTree(r.body()).path("trace");
    List<String> stages = new java.util.ArrayList<>();
    double total = 0;
    for (JsonNode step : trace) {
      stages.add(step.path("stage").asText());
      assertTrue(step.path("ms").isNumber() && step.path("ms").asDouble() >= 0, step.toString());
      assertTrue(step.path("total_ms").asDouble() >= step.path("ms").asDouble(), step.toString());
      total += step.path("ms").asDouble();
    }
    assertEquals(List.of("interpret", "decide", "retrieve", "union", "rank", "gate", "record"), stages);
    assertEquals(1, stages.stream().filter("interpret"::equals).count(), "query understanding runs once");
    assertEquals(trace.get(0).path("total_ms").asDouble(), total, 1e-6, "the stages' own times add up to the chain's");
    assertFalse(JSON.readTree(post("/search", "{\"query\": \"acme lamp\"}").body()).has("trace"), "no trace unless asked");
  }

  @Test
  void keywordListsRangesAndFacetsApplyToTheResults() throws Exception {
    JsonNode n = JSON.readTree(post("/search", "{\"query\": \"lamp round\", \"k\": 10, \"filters\": {\"brand\": [\"acme\", \"zenith\"], "
        + "\"price\": {\"gte\": 11, \"lt\": 15}}, \"facets\": [\"brand\"]}").body());
    assertTrue(n.path("items").size() > 0, n.toString());
    for (JsonNode item : n.path("items")) {
      String brand = item.path("fields").path("keywords").path("brand").get(0).asText();
      assertTrue(brand.equals("acme") || brand.equals("zenith"), item.toString());
      double price = item.path("fields").path("numbers").path("price").asDouble();
      assertTrue(price >= 11 && price < 15, item.toString());
    }
    long counted = 0;
    for (JsonNode c : n.path("facets").path("brand")) {
      counted += c.asLong();
    }
    assertEquals(n.path("candidates_ranked").asLong(), counted, "each ranked candidate has one brand: " + n.path("facets"));
    assertField(post("/search", "{\"query\": \"lamp\", \"filters\": {\"brand\": {\"gte\": 1}}}"), "filters.brand");
    assertField(post("/search", "{\"query\": \"lamp\", \"filters\": {\"price\": \"cheap\"}}"), "filters.price");
    assertField(post("/search", "{\"query\": \"lamp\", \"filters\": {\"price\": {\"gte\": 5, \"gt\": 4}}}"), "filters.price");
    assertField(post("/search", "{\"query\": \"lamp\", \"filters\": {\"price\": {\"from\": 5}}}"), "filters.price.from");
    assertField(post("/search", "{\"query\": \"lamp\", \"facets\": [\"colour\"]}"), "facets");
  }

  @Test
  void memoryCandidatesHonourTheRequestsFilters() throws Exception {
    // clicks teach the memory index items of every brand for "vase"
    JsonNode first = JSON.readTree(post("/search", "{\"query\": \"vase\", \"k\": 10, \"strategies\": [\"bm25\"]}").body());
    StringBuilder clicks = new StringBuilder("[");
    for (int p = 0; p < first.path("items").size(); p++) {
      clicks.append(p == 0 ? "" : ",").append("{\"type\": \"click\", \"request_id\": \"").append(first.path("request_id").asText())
          .append("\", \"item_id\": \"").append(first.path("items").get(p).path("id").asText()).append("\", \"position\": ").append(p + 1)
          .append(", \"timestamp\": \"2026-11-22T12:00:00Z\"}");
    }
    assertEquals(200, post("/events", clicks.append("]").toString()).statusCode());
    JsonNode all = JSON.readTree(post("/search", "{\"query\": \"vase\", \"k\": 10, \"strategies\": [\"memory\"]}").body());
    java.util.Set<String> brands = new java.util.HashSet<>();
    all.path("items").forEach(i -> brands.add(i.path("fields").path("keywords").path("brand").get(0).asText()));
    assertTrue(brands.size() > 1, "memory alone finds several brands: " + brands);
    JsonNode acme = JSON.readTree(post("/search", "{\"query\": \"vase\", \"k\": 10, \"strategies\": [\"memory\"], \"filters\": {\"brand\": \"acme\"}}").body());
    assertTrue(acme.path("items").size() > 0, acme.toString());
    for (JsonNode item : acme.path("items")) {
      assertEquals("acme", item.path("fields").path("keywords").path("brand").get(0).asText(), item.toString());
    }
  }

  @Test
  void badRequestsAre400sNamingTheField() throws Exception {
    assertField(post("/search", "{\"k\": 3}"), "query");
    assertField(post("/search", "{\"query\": \"lamp\", \"k\": 0}"), "k");
    assertField(post("/search", "{\"query\": \"lamp\", \"filters\": {\"brand\": 3}}"), "filters.brand");
    assertField(post("/search", "{\"query\": \"lamp\", \"strategies\": [\"nope\"]}"), "strategies");
    assertField(post("/search", "{\"query\": \"lamp\", \"colour\": \"red\"}"), "colour");
    assertField(post("/search", "{\"query\": \"lamp\", \"seed_items\": \"t0-1,t0-2\"}"), "seed_items");
    assertField(post("/search", "{\"query\": \"lamp\", \"seed_items\": [\"t0-1\", 2]}"), "seed_items[1]");
    assertField(post("/search", "{\"query\": \"lamp\", \"decision\": {\"min_precision\": 0.9}}"), "decision");
    assertField(post("/search", "{\"query\": \"lamp\", \"trace\": \"yes\"}"), "trace");
    assertField(post("/search", "{\"query\": \"lamp\", \"offset\": -1}"), "offset");
    assertEquals(200, post("/search", "{\"query\": \"lamp\", \"seed_items\": [\"t0-1\"], \"offset\": 2}").statusCode());
  }

  private static void assertField(HttpResponse<String> r, String field) throws Exception {
    assertEquals(400, r.statusCode(), r.body());
    assertEquals(field, JSON.readTree(r.body()).path("field").asText(), r.body());
  }
}
