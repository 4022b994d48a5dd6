package dev.funnel.cli.serve;

import dev.funnel.assembly.ServerAssembly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.Item;
import dev.funnel.retrieval.CatalogReaders;
import dev.funnel.server.OpenApiSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI 3.1 document ({@code GET /openapi.json}, docs/openapi.json) against a real server
 * started from a {@code serve --config} file on the Amazon Gift Cards catalog (a seeded
 * synthetic one without ../shared/data), with API keys, a body limit, an events rate limit and
 * a BLADE graph: the spec lists exactly the routes the server registers, the docs copy is the
 * served one, and every route is called with valid and invalid requests, every answer validated
 * against the spec by a JSON Schema validator. Along the way: an added item is found by search
 * and a deleted one never again, {@code offset} pages, a range filter holds, and 401, 403, 413
 * and 429 come where due.
 */
class OpenApiServeTest {
  private static final String READ = "read-key-for-openapi-0001";
  private static final String ADMIN = "admin-key-for-openapi-0001";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
  @TempDir Path dir;
  private String base;
  private OpenApiContract spec;

  private HttpResponse<String> send(String method, String path, String body, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends a request for the operation {@code method template}, asserts the status and validates the answer against the spec. */
  private JsonNode call(String method, String template, String path, String body, String key, int status) throws Exception {
    return spec.check(method, template, send(method, path, body, key), status);
  }

  /** The ids {@code POST /search} serves for {@code body}. */
  private List<String> ids(String body) throws Exception {
    List<String> out = new ArrayList<>();
    call("POST", "/search", "/search", body, READ, 200).get("items").forEach(i -> out.add(i.get("id").asText()));
    return out;
  }

  /** Indexes the Amazon catalog (or a synthetic one) and writes a chain graph over its first items; returns those item ids. */
  private List<String> catalog(Path idx, Path edges) throws Exception {
    List<String> ids = new ArrayList<>();
    Optional<Path> meta = dev.funnel.core.util.SharedData.resolve(DemoCommand.AMAZON_META);
    if (meta.isPresent()) {
      ServedLoopEndToEndTest.cli("index", "--format", "amazon", "--input", meta.get().toString(), "--index", idx.toString(), "--no-vectors", "--skip-bad");
      for (Item item : CatalogReaders.readAll(meta.get(), CatalogReaders.Format.AMAZON, CatalogReaders.Mapping.AMAZON, null, true)) {
        if (ids.size() < 200) {
          ids.add(item.id());
        }
      }
    } else {
      String[] words = {"red", "blue", "mug", "lamp", "chair", "card", "gift", "wool", "steel", "oak"};
      SplittableRandom r = new SplittableRandom(5);
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        lines.add("{\"id\": \"p" + i + "\", \"title\": \"" + words[r.nextInt(10)] + " " + words[r.nextInt(10)] + " " + words[r.nextInt(10)]
            + "\", \"description\": \"gift card " + i + "\", \"brand\": \"b" + i % 4 + "\", \"price\": " + (5 + i % 50) + "}");
        if (i < 200) {
          ids.add("p" + i);
        }
      }
      Path file = dir.resolve("catalog.jsonl");
      Files.write(file, lines);
      ServedLoopEndToEndTest.cli("index", "--input", file.toString(), "--index", idx.toString(), "--text-fields", "title,description",
          "--keyword-fields", "brand", "--numeric-fields", "price", "--no-vectors");
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      lines.add(ids.get(i) + "\t" + ids.get((i + 1) % ids.size()));
      lines.add(ids.get(i) + "\t" + ids.get((i + 7) % ids.size()));
    }
    Files.write(edges, lines);
    return ids;
  }

  @Test
  void everyRouteAnswersAsTheSpecSays() throws Exception {
    Path idx = dir.resolve("index");
    Path edges = dir.resolve("edges.tsv");
    List<String> ids = catalog(idx, edges);
    Path graph = dir.resolve("related.model");
    ServedLoopEndToEndTest.cli("train", "graph", "--edges", edges.toString(), "--epochs", "1", "--dim", "8", "--seed", "2", "--out", graph.toString());
    Path config = dir.resolve("funnel.yaml");
    Files.writeString(config, """
        catalog:
          index: %s
        events:
          dir: %s
        state:
          dir: %s
        models:
          graph: %s
        server:
          port: 0
        loop:
          autosave: "0"
        limits:
          max_body_bytes: 4096
          events_per_second: 1
          events_burst: 8
        auth:
          read_keys: [%s]
          admin_keys: [%s]
        metrics:
          enabled: true
        """.formatted(idx, dir.resolve("events"), dir.resolve("state"), graph, READ, ADMIN));
    ServeCommand serve = ServeCommand.withConfig(config);
    try (ServerAssembly api = serve.assemble()) {
      base = "http://127.0.0.1:" + api.start(serve.host(), serve.port());

      // the spec: served without a key, the same as the resource and as docs/openapi.json
      HttpResponse<String> served = send("GET", "/openapi.json", null, null);
      assertEquals(200, served.statusCode(), served.body());
      JsonNode document = JSON.readTree(served.body());
      assertEquals(JSON.readTree(OpenApiSpec.load()), document);
      assertEquals(document, JSON.readTree(Files.readString(Path.of("..", "docs", "openapi.json"))),
          "docs/openapi.json is the served spec (copy funnel-server/src/main/resources/dev/funnel/server/openapi.json)");
      spec = new OpenApiContract(document);
      spec.check("GET", "/openapi.json", served, 200);

      // exactly the routes the server registers, no more, no fewer
      Set<String> registered = new TreeSet<>();
      for (String r : api.routes()) {
        String method = r.substring(0, r.indexOf(' '));
        if (METHODS.contains(method)) {
          registered.add(method + " " + r.substring(r.indexOf(' ') + 1).replaceAll("<([^>]+)>", "{$1}"));
        }
      }
      assertEquals(registered, spec.operations(), "the spec's operations are the server's routes");

      // open routes and keys
      call("GET", "/health", "/health", null, null, 200);
      call("GET", "/metrics", "/metrics", null, READ, 200);
      call("GET", "/metrics", "/metrics", null, null, 401);
      call("GET", "/metrics", "/metrics", null, "not-a-key-000000000000", 401);

      // search: valid, invalid, unauthorised, too large
      String query = "gift card";
      String search = "{\"query\": \"" + query + "\", \"k\": 5, \"facets\": [\"brand\"], \"trace\": true, \"user\": \"u1\"}";
      assertEquals(List.of(), spec.requestErrors("POST", "/search", search));
      JsonNode first = call("POST", "/search", "/search", search, READ, 200);
      String requestId = first.get("request_id").asText();
      assertTrue(first.get("items").size() > 0, first.toString());
      // the validator is not a rubber stamp: a served answer with a required part taken out, or a wrong type, fails
      com.fasterxml.jackson.databind.node.ObjectNode broken = first.deepCopy();
      broken.remove("request_id");
      assertFalse(spec.responseErrors("POST", "/search", 200, broken).isEmpty(), "request_id is required");
      broken = first.deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("items").get(0)).put("score", "high");
      assertFalse(spec.responseErrors("POST", "/search", 200, broken).isEmpty(), "a score is a number");
      assertFalse(spec.errorShape("{\"message\": \"x\"}").isEmpty(), "an error has an 'error' and nothing else but field and value");
      String unknownField = "{\"query\": \"" + query + "\", \"colour\": \"red\"}";
      assertFalse(spec.requestErrors("POST", "/search", unknownField).isEmpty(), "the spec refuses an unknown field too");
      assertEquals("colour", call("POST", "/search", "/search", unknownField, READ, 400).get("field").asText());
      assertEquals("k", call("POST", "/search", "/search", "{\"query\": \"" + query + "\", \"k\": 0}", READ, 400).get("field").asText());
      assertEquals("query", call("POST", "/search", "/search", "{\"k\": 3}", READ, 400).get("field").asText());
      call("POST", "/search", "/search", "[1, 2]", READ, 400);
      call("POST", "/search", "/search", search, null, 401);
      call("POST", "/search", "/search", "{\"query\": \"" + "x".repeat(5000) + "\"}", READ, 413);

      // offset pages through the same ranking
      String bm25 = "{\"query\": \"" + query + "\", \"strategies\": [\"bm25\"], \"k\": %d, \"offset\": %d}";
      List<String> top = ids(bm25.formatted(10, 0));
      assertEquals(10, top.size(), top.toString());
      assertEquals(top.subList(0, 5), ids(bm25.formatted(5, 0)));
      assertEquals(top.subList(5, 10), ids(bm25.formatted(5, 5)), "offset 5 serves ranks 6 to 10");
      assertEquals("offset", call("POST", "/search", "/search", bm25.formatted(5, -1), READ, 400).get("field").asText());

      // a range filter holds on every served item
      String ranged = "{\"query\": \"" + query + "\", \"strategies\": [\"bm25\"], \"k\": 20, \"filters\": {\"price\": {\"gte\": 10, \"lt\": 30}}}";
      assertEquals(List.of(), spec.requestErrors("POST", "/search", ranged));
      JsonNode inRange = call("POST", "/search", "/search", ranged, READ, 200);
      assertTrue(inRange.get("items").size() > 0, "some items cost 10 to 30: " + inRange);
      for (JsonNode item : inRange.get("items")) {
        double price = item.path("fields").path("numbers").path("price").asDouble(Double.NaN);
        assertTrue(price >= 10 && price < 30, item.get("id") + " costs " + price);
      }
      assertEquals("filters.price.gte", call("POST", "/search", "/search",
          "{\"query\": \"" + query + "\", \"filters\": {\"price\": {\"gte\": \"ten\"}}}", READ, 400).get("field").asText());

      // items: add, find, read, delete, never find again; read keys may not
      String title = "zeppelin harmonica quartz";
      String record = "{\"title\": \"" + title + "\", \"description\": \"Brass reeds, key of C.\", \"brand\": \"Zephyrix\", \"price\": \"19.50\"}";
      String find = "{\"query\": \"" + title + "\", \"strategies\": [\"bm25\"], \"k\": 10}";
      assertFalse(ids(find).contains("zz-1"));
      call("PUT", "/items/{id}", "/items/zz-1", record, READ, 403);
      call("PUT", "/items/{id}", "/items/zz-1", record, null, 401);
      assertEquals(1, call("PUT", "/items/{id}", "/items/zz-1", record, ADMIN, 200).get("added").asInt());
      assertTrue(ids(find).contains("zz-1"), "found by the first search after the acknowledgement");
      call("GET", "/items/{id}", "/items/zz-1", null, ADMIN, 200);
      call("PUT", "/items/{id}", "/items/zz-1", "{\"asin\": \"other\", \"id\": \"other\", \"title\": \"x\"}", ADMIN, 400);
      call("PUT", "/items/{id}", "/items/zz-2", "[1]", ADMIN, 400);
      JsonNode batch = call("POST", "/items", "/items", "[" + record.replace(title, "quartz kazoo") + "]", ADMIN, 400);
      assertEquals(batch.path("field").asText().startsWith("items[0]"), true, batch.toString());
      call("POST", "/items", "/items", "{\"items\": []}", ADMIN, 400);
      call("POST", "/items", "/items", "{\"items\": [{\"asin\": \"zz-3\", \"id\": \"zz-3\", \"title\": \"quartz kazoo\"}]}", ADMIN, 200);
      call("DELETE", "/items/{id}", "/items/zz-1", null, ADMIN, 200);
      assertFalse(ids(find).contains("zz-1"), "a deleted item is not served");
      assertFalse(ids("{\"query\": \"" + title + "\", \"k\": 50}").contains("zz-1"), "by any strategy the bandit picks");
      call("GET", "/items/{id}", "/items/zz-1", null, ADMIN, 404);
      call("DELETE", "/items/{id}", "/items/zz-1", null, ADMIN, 404);

      // events: valid, invalid, stats, then a flood gets a 429
      String click = "{\"request_id\": \"" + requestId + "\", \"type\": \"click\", \"item_id\": \"" + first.get("items").get(0).get("id").asText()
          + "\", \"position\": 1}";
      call("POST", "/events", "/events", click, READ, 200);
      call("POST", "/events", "/events", "{\"request_id\": \"" + requestId + "\", \"type\": \"teleport\"}", READ, 400);
      call("POST", "/events", "/events", click, null, 401);
      call("GET", "/events/stats", "/events/stats", null, READ, 200);
      HttpResponse<String> flood = null;
      for (int i = 0; i < 20 && (flood == null || flood.statusCode() != 429); i++) {
        flood = send("POST", "/events", click, READ);
        spec.check("POST", "/events", flood);
      }
      assertEquals(429, flood.statusCode(), "8 events at once, then 1 a second: " + flood.body());

      // related items and graph nodes
      String node = ids.get(3);
      assertTrue(call("GET", "/related/{item}", "/related/" + node + "?k=5", null, READ, 200).get("items").size() > 0);
      call("GET", "/related/{item}", "/related/no-such-item", null, READ, 404);
      call("GET", "/related/{item}", "/related/" + node + "?k=0", null, READ, 400);
      call("GET", "/related/{item}", "/related/" + node + "?min_precision=0.9", null, READ, 400);
      call("GET", "/graph/nodes/{item}", "/graph/nodes/" + node, null, READ, 200);
      call("GET", "/graph/nodes/{item}", "/graph/nodes/no-such-item", null, READ, 200);

      // models
      call("GET", "/models", "/models", null, ADMIN, 200);
      call("GET", "/models", "/models", null, READ, 403);
      call("POST", "/models/ranker/{version}/activate", "/models/ranker/99/activate", null, ADMIN, 404);
      call("POST", "/models/ranker/{version}/activate", "/models/ranker/abc/activate", null, ADMIN, 400);
      call("GET", "/models/decision", "/models/decision", null, ADMIN, 200);

      // the console and its data
      call("GET", "/console", "/console", null, READ, 200);
      call("GET", "/console/{file}", "/console/app.js", null, READ, 200);
      call("GET", "/console/{file}", "/console/console.css", null, READ, 200);
      call("GET", "/console/{file}", "/console/secrets.txt", null, READ, 404);
      call("GET", "/stats/timeline", "/stats/timeline?minutes=5", null, READ, 200);
      call("GET", "/stats/timeline", "/stats/timeline?minutes=0", null, READ, 400);
      call("GET", "/ope/policies", "/ope/policies", null, READ, 200);
      call("POST", "/ope/policies", "/ope/policies", null, ADMIN, 201);
      call("POST", "/ope/policies", "/ope/policies", null, READ, 403);
      call("POST", "/ope", "/ope", "{\"policy\": \"no-such-policy\"}", ADMIN, 404);
      call("POST", "/ope", "/ope", "{\"resamples\": 100}", ADMIN, 400);
      HttpResponse<String> ope = send("POST", "/ope", "{\"policy\": \"random\", \"resamples\": 50, \"seed\": 3}", ADMIN);
      spec.check("POST", "/ope", ope);

      // unknown routes and methods answer in the spec's error shape
      for (HttpResponse<String> r : List.of(send("GET", "/no/such/route", null, READ), send("DELETE", "/search", null, ADMIN))) {
        assertTrue(r.statusCode() == 404 || r.statusCode() == 405, r.statusCode() + " " + r.body());
        assertEquals(List.of(), spec.errorShape(r.body()), r.body());
      }

      assertEquals(spec.operations(), spec.checked(), "every operation of the spec was called");
      System.out.println("openapi: " + spec.operations().size() + " operations, " + spec.responses() + " responses validated");
    }
  }

  /** A config file over {@code idx} with the given loop and models lines, API keys and metrics, and no events rate limit. */
  private ServeCommand open(Path idx, String name, String loop, String models) throws Exception {
    Path config = dir.resolve(name);
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
        %s
        models:
        %s
        auth:
          read_keys: [%s]
          admin_keys: [%s]
        """.formatted(idx, dir.resolve("events"), dir.resolve("state"), loop.indent(2).stripTrailing(), models.indent(2).stripTrailing(), READ, ADMIN));
    return ServeCommand.withConfig(config);
  }

  private static JsonNode live(JsonNode models) {
    for (JsonNode v : models.path("ranker").path("versions")) {
      if (v.path("live").asBoolean()) {
        return v;
      }
    }
    return null;
  }

  /**
   * Two rankers trained offline ({@code funnel train ranker}) from the first server's training
   * log and events, served by two {@code --config} starts; {@code POST /models/ranker/{v}/activate}
   * rolls the second back to the first, every answer validated against the spec.
   */
  @Test
  void theRankerRollsBackAndEveryAnswerMatchesTheSpec() throws Exception {
    Path idx = dir.resolve("index");
    List<String> ids = catalog(idx, dir.resolve("edges.tsv"));
    assertTrue(ids.size() > 10);
    spec = new OpenApiContract(JSON.readTree(OpenApiSpec.load()));
    ServeCommand learning = open(idx, "learn.yaml", "retrain_every: 0\ntraining_log: all", "graph: null");
    String[] queries = {"gift card", "birthday", "amazon", "card", "christmas"};
    try (ServerAssembly api = learning.assemble()) {
      base = "http://127.0.0.1:" + api.start(learning.host(), learning.port());
      for (int i = 0; i < 40; i++) {
        JsonNode res = call("POST", "/search", "/search", "{\"query\": \"" + queries[i % queries.length] + "\", \"k\": 10}", READ, 200);
        JsonNode items = res.get("items");
        int p = Math.min(3, items.size());
        if (p > 0) {
          call("POST", "/events", "/events", "[{\"type\": \"click\", \"request_id\": \"" + res.get("request_id").asText() + "\", \"item_id\": \""
              + items.get(p - 1).get("id").asText() + "\", \"position\": " + p + ", \"timestamp\": \"2026-11-01T00:00:00Z\"}]", READ, 200);
        }
      }
    }
    Path r1 = dir.resolve("r1.json");
    Path r2 = dir.resolve("r2.json");
    for (Path out : List.of(r1, r2)) {
      ServedLoopEndToEndTest.cli("train", "ranker", "--logs", dir.resolve("state").resolve("training.log").toString(), "--events",
          dir.resolve("events").toString(), "--out", out.toString(), "--seed", out == r1 ? "1" : "2", "--rounds", out == r1 ? "20" : "30");
    }
    int v1;
    ServeCommand first = open(idx, "r1.yaml", "retrain_every: 0", "ranker: " + r1);
    try (ServerAssembly api = first.assemble()) {
      base = "http://127.0.0.1:" + api.start(first.host(), first.port());
      JsonNode one = live(call("GET", "/models", "/models", null, ADMIN, 200));
      assertEquals(r1.toAbsolutePath().toString(), one.path("source").asText(), one.toString());
      v1 = one.path("version").asInt();
    }
    ServeCommand second = open(idx, "r2.yaml", "retrain_every: 0", "ranker: " + r2);
    try (ServerAssembly api = second.assemble()) {
      base = "http://127.0.0.1:" + api.start(second.host(), second.port());
      int v2 = live(call("GET", "/models", "/models", null, ADMIN, 200)).path("version").asInt();
      assertTrue(v2 > v1, v1 + " then " + v2);
      call("POST", "/models/ranker/{version}/activate", "/models/ranker/" + v1 + "/activate", null, READ, 403);
      JsonNode back = call("POST", "/models/ranker/{version}/activate", "/models/ranker/" + v1 + "/activate", null, ADMIN, 200);
      assertEquals(v1, back.path("activated").asInt());
      assertEquals(v2, back.path("previous").asInt());
      assertEquals(v1, live(call("GET", "/models", "/models", null, ADMIN, 200)).path("version").asInt(), "rolled back");
      assertEquals(v1, call("GET", "/health", "/health", null, null, 200).path("ranker_version").asInt());
      assertEquals("lambdamart", call("POST", "/search", "/search", "{\"query\": \"gift card\", \"k\": 5}", READ, 200).path("ranker").asText());
    }
  }
}
