package dev.funnel.learning;

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
import dev.funnel.retrieval.SearchApi;
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
    loop = FunnelLoop.open(index, index.items(), index::item, null, tmp.resolve("state"),
        LoopOptions.defaults(List.of("bm25", "memory", "structured"), 3).withFunnel(FunnelConfig.defaults(3).withBackgroundRetraining(false)));
    server = new FunnelServer(List.of(new FunnelSearchApi(loop.funnel(), new SearchApi(index), index::item),
        new EventsApi(events, loop.funnel().requests()::contains).onEvents(loop.feedback())), Map.of());
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
  void namedStrategiesAreAnsweredByThoseStrategiesAlone() throws Exception {
    HttpResponse<String> r = post("/search", "{\"query\": \"lamp\", \"k\": 3, \"strategies\": [\"bm25\"]}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode n = JSON.readTree(r.body());
    assertEquals("bm25", n.path("strategies").get(0).asText());
    assertFalse(n.has("decision"));
  }

  @Test
  void badRequestsAre400sNamingTheField() throws Exception {
    assertField(post("/search", "{\"k\": 3}"), "query");
    assertField(post("/search", "{\"query\": \"lamp\", \"k\": 0}"), "k");
    assertField(post("/search", "{\"query\": \"lamp\", \"filters\": {\"brand\": 3}}"), "filters.brand");
    assertField(post("/search", "{\"query\": \"lamp\", \"strategies\": [\"nope\"]}"), "strategies");
  }

  private static void assertField(HttpResponse<String> r, String field) throws Exception {
    assertEquals(400, r.statusCode(), r.body());
    assertEquals(field, JSON.readTree(r.body()).path("field").asText(), r.body());
  }
}
