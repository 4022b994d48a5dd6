package dev.funnel.cli.serve;

import dev.funnel.assembly.ServerAssembly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.Item;
import dev.funnel.core.util.SharedData;
import dev.funnel.events.FileEventLog;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.retrieval.CatalogIndex;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served product end to end, as {@code funnel serve} assembles it: a catalog indexed by the
 * CLI (the real Amazon Gift Cards catalog when ../shared/data is there, a generated one
 * otherwise), an event log of clicks, carts and delayed purchases, a BLADE model trained by the
 * CLI on the log's purchase sequences, a conversion decision model trained by the CLI on the same
 * log ({@code train thresholds --format events}), and the HTTP API answering full-funnel
 * searches, related items and conversion decisions, learning from events and keeping its state.
 */
class ServedLoopEndToEndTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  static void cli(String... args) {
    StringWriter err = new StringWriter();
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err, true));
    assertEquals(0, cl.execute(args), String.join(" ", args) + "\n" + err);
  }

  /** The index (real catalog when present) and the query to search it with. */
  String index(Path idx) throws Exception {
    Optional<Path> meta = SharedData.resolve(DemoCommand.AMAZON_META);
    if (meta.isPresent()) {
      cli("index", "--format", "amazon", "--input", meta.get().toString(), "--index", idx.toString(), "--no-vectors", "--skip-bad");
      return "gift card";
    }
    List<String> lines = new ArrayList<>();
    String[] words = {"red", "blue", "mug", "lamp", "chair", "card", "gift", "wool", "steel", "oak"};
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 300; i++) {
      lines.add("{\"id\": \"p" + i + "\", \"title\": \"" + words[r.nextInt(10)] + " " + words[r.nextInt(10)] + " " + words[r.nextInt(10)]
          + "\", \"brand\": \"b" + r.nextInt(5) + "\"}");
    }
    Path file = dir.resolve("catalog.jsonl");
    Files.write(file, lines);
    cli("index", "--input", file.toString(), "--index", idx.toString(), "--text-fields", "title", "--keyword-fields", "brand", "--no-vectors");
    return "gift card";
  }

  /** 20 days of clicks by 150 users; clicks at positions 1-2 convert 60% of the time, lower ones 3%, a cart first, up to two days later. */
  static void writeEvents(Path events, List<String> ids) throws Exception {
    SplittableRandom r = new SplittableRandom(11);
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      // every click in the first hour of its day: the hour feature is constant, so the served
      // decision does not depend on the hour the test runs at
      Instant click = T0.plusSeconds(r.nextInt(20) * 86_400L + r.nextInt(3_000));
      String user = "u" + r.nextInt(150);
      String item = ids.get(r.nextInt(Math.min(ids.size(), 200)));
      int pos = 1 + r.nextInt(10);
      String req = "req" + i;
      out.add(new Event(EventType.CLICK, req, item, pos, click, user, null, "gift card"));
      if (r.nextDouble() < (pos <= 2 ? 0.6 : 0.03)) {
        long delay = 600 + r.nextLong(2 * 86_400L);
        out.add(new Event(EventType.ADD_TO_CART, req, item, pos, click.plusSeconds(delay / 2), user, null, null));
        out.add(new Event(EventType.PURCHASE, req, item, pos, click.plusSeconds(delay), user, null, null));
      }
    }
    try (FileEventLog log = FileEventLog.open(events)) {
      log.append(out);
    }
  }

  static JsonNode send(HttpRequest.Builder b, int status) throws Exception {
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  static JsonNode post(String base, String path, String body, int status) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)), status);
  }

  static JsonNode get(String base, String path, int status) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)), status);
  }

  @Test
  void searchRelatedAndConversionDecisionsThroughTheServedApi() throws Exception {
    Path idx = dir.resolve("index");
    String query = index(idx);
    List<String> ids;
    try (CatalogIndex ci = CatalogIndex.open(idx)) {
      ids = ci.items().stream().map(Item::id).toList();
    }
    Path events = dir.resolve("events");
    writeEvents(events, ids);
    Path graph = dir.resolve("related.model");
    cli("train", "graph", "--events", events.toString(), "--window", "P30D", "--dim", "16", "--epochs", "4", "--seed", "3", "--out", graph.toString());
    Path decision = dir.resolve("decision.json");
    cli("train", "thresholds", "--format", "events", "--data", events.toString(), "--attribution-window", "3d", "--precision", "0.5",
        "--members", "4", "--rounds", "30", "--threads", "1", "--seed", "2", "--out", decision.toString());
    Path state = dir.resolve("state");
    LoopSettings settings = new LoopSettings();
    long stored;
    int engaged;
    try (ServerAssembly api = new ServerAssembly(idx, events, state, graph, decision, settings.config())) {
      String base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
      JsonNode health = get(base, "/health", 200);
      assertTrue(health.get("bandit_strategies").toString().contains("graph"), health.toString());
      assertTrue(health.get("graph_nodes_in_catalog").asInt() > 0 && health.get("graph_nodes_in_catalog").asInt() <= health.get("graph_nodes").asInt());
      assertEquals(List.of(0.5), JSON.convertValue(health.get("decision_model").get("target_precisions"), List.class));
      stored = health.get("events_stored").asLong();
      // the console's decision-model plot: one table per target precision, a threshold per uncertainty bin
      JsonNode tables = get(base, "/models/decision", 200);
      assertTrue(tables.get("loaded").asBoolean(), tables.toString());
      assertEquals(1, tables.get("tables").size(), tables.toString());
      JsonNode bins = tables.get("tables").get(0).get("bins");
      assertEquals(tables.get("tables").get(0).get("thresholds").size(), bins.size(), tables.toString());
      assertTrue(bins.get(0).get("uncertainty_from").isNull(), tables.toString());

      JsonNode plain = post(base, "/search", "{\"query\": \"" + query + "\", \"k\": 10, \"user\": \"u1\"}", 200);
      assertEquals(10, plain.get("items").size(), plain.toString());
      assertFalse(plain.has("gate"));

      JsonNode gated = post(base, "/search", "{\"query\": \"" + query + "\", \"k\": 10, \"user\": \"u1\", \"decision\": {\"min_precision\": 0.5}}", 200);
      JsonNode gate = gated.get("gate");
      int kept = gated.get("items").size();
      assertEquals(kept, gate.get("kept").asInt());
      assertTrue(kept >= 1 && kept < 10, "clicks below position 2 rarely convert, so few items pass: " + gated);
      assertTrue(gate.get("ranked").asInt() > kept, gate.toString());
      for (JsonNode item : gated.get("items")) {
        JsonNode c = item.get("conversion");
        assertTrue(c.get("score").asDouble() >= c.get("threshold").asDouble(), item.toString());
        assertTrue(c.get("uncertainty").asDouble() >= 0, item.toString());
      }
      assertEquals("precision", post(base, "/search", "{\"query\": \"" + query + "\", \"decision\": {\"min_precision\": 0.99}}", 400).get("field").asText());
      assertEquals("decision.min_precision", post(base, "/search", "{\"query\": \"x\", \"decision\": {\"min_precision\": 1.5}}", 400).get("field").asText());
      // one request path: named strategies go through the same Gate stage
      JsonNode namedGated = post(base, "/search", "{\"query\": \"" + query + "\", \"strategies\": [\"bm25\"], \"decision\": {\"min_precision\": 0.5}}", 200);
      assertEquals(namedGated.get("items").size(), namedGated.get("gate").get("kept").asInt(), namedGated.toString());

      JsonNode forced = post(base, "/search", "{\"query\": \"" + query + "\", \"k\": 5, \"strategies\": [\"memory\", \"graph\", \"structured\"]}", 200);
      assertEquals("fixed", forced.get("decision").get("policy").asText(), forced.toString());
      assertEquals(3, forced.get("decision").get("budgets").size(), forced.toString());
      assertEquals("strategies", post(base, "/search", "{\"query\": \"x\", \"strategies\": [\"memory\", \"nope\"]}", 400).get("field").asText());

      String hub = graphNodeWithNeighbours(base, ids);
      JsonNode related = get(base, "/related/" + URLEncoder.encode(hub, StandardCharsets.UTF_8) + "?k=10&min_precision=0.5&user=u1", 200);
      assertTrue(related.get("items").size() <= 10);
      assertEquals(related.get("items").size(), related.get("gate").get("kept").asInt());
      for (JsonNode item : related.get("items")) {
        assertTrue(item.get("conversion").get("score").asDouble() >= item.get("conversion").get("threshold").asDouble(), item.toString());
      }
      assertEquals("min_precision", get(base, "/related/" + URLEncoder.encode(hub, StandardCharsets.UTF_8) + "?min_precision=abc", 400).get("field").asText());

      String requestId = gated.get("request_id").asText();
      String first = gated.get("items").get(0).get("id").asText();
      post(base, "/events", "{\"type\": \"click\", \"request_id\": \"" + requestId + "\", \"item_id\": \"" + first + "\", \"position\": 1, \"timestamp\": \""
          + Instant.now() + "\"}", 200);
      JsonNode after = get(base, "/health", 200);
      assertEquals(stored + 1, after.get("events_stored").asLong(), "health counts stored events live");
      assertEquals(1, after.get("loop_stats").get("feedback_events").asLong(), after.toString());
      // a little traffic: searches, and a click on the second item of each
      engaged = 1;
      for (int i = 0; i < 20; i++) {
        JsonNode r = post(base, "/search", "{\"query\": \"" + query + "\", \"k\": 5, \"user\": \"v" + i + "\"}", 200);
        if (r.get("items").size() > 1) {
          engaged++;
          post(base, "/events", "{\"type\": \"click\", \"request_id\": \"" + r.get("request_id").asText() + "\", \"item_id\": \""
              + r.get("items").get(1).get("id").asText() + "\", \"position\": 2, \"timestamp\": \"" + Instant.now() + "\"}", 200);
        }
      }
    }
    // the engaged requests were logged with their features as served (default --training-log engaged)
    var log = dev.funnel.rank.TrainingLog.read(state.resolve(FunnelLoop.TRAINING_LOG));
    assertEquals(engaged, log.records().stream().map(dev.funnel.rank.TrainingRecord::requestId).distinct().count());
    // what was served is logged with its features, and the ranker trains from it and the event log
    Path ranker = dir.resolve("ranker.json");
    cli("train", "ranker", "--logs", state.resolve(FunnelLoop.TRAINING_LOG).toString(), "--events", events.toString(), "--rounds", "20",
        "--out", ranker.toString());
    assertTrue(Files.size(ranker) > 0);
    for (String f : List.of(FunnelLoop.MEMORY_FILE, FunnelLoop.QU_FILE, FunnelLoop.BANDIT_FILE, FunnelLoop.TRAINING_LOG, FunnelLoop.DECISION_LOG)) {
      assertTrue(Files.exists(state.resolve(f)), f);
    }
    try (ServerAssembly again = new ServerAssembly(idx, events, state, graph, null, settings.config())) {
      String base = "http://127.0.0.1:" + again.start("127.0.0.1", 0);
      assertFalse(Files.exists(state.resolve(FunnelLoop.BANDIT_FILE + ".previous")), "same settings: the learned bandit goes on");
      assertEquals("decision", post(base, "/search", "{\"query\": \"x\", \"decision\": {\"min_precision\": 0.5}}", 400).get("field").asText());
    }
    // a graph model over another catalog's ids is refused at start, naming the option
    Path foreignEdges = dir.resolve("foreign.tsv");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      lines.add("x" + i + "\tx" + ((i * 7 + 3) % 60));
    }
    Files.write(foreignEdges, lines);
    Path foreign = dir.resolve("foreign.model");
    cli("train", "graph", "--edges", foreignEdges.toString(), "--epochs", "1", "--dim", "8", "--out", foreign.toString());
    var refused = org.junit.jupiter.api.Assertions.assertThrows(dev.funnel.core.InvalidInputException.class,
        () -> new ServerAssembly(idx, events, dir.resolve("state2"), foreign, null, settings.config()));
    assertEquals("--graph-model", refused.field());
    LoopSettings other = new LoopSettings();
    other.policy = "epsilon-greedy";
    try (ServerAssembly changed = new ServerAssembly(idx, events, state, null, null, other.config())) {
      assertEquals("epsilon-greedy", changed.loop().funnel().bandit().config().policy().name());
      assertTrue(Files.exists(state.resolve(FunnelLoop.BANDIT_FILE + ".previous")), "another policy: the old state is set aside");
      if (Files.exists(state.resolve(FunnelLoop.RANKER_FILE + ".previous"))) {
        // a ranker retrained with the graph strategy's features cannot score without it: set aside, the baseline ranks
        assertEquals("rrf", changed.loop().funnel().ranking().ranker().name());
      }
    }
  }

  /** An item of the graph model with related items (the graph holds purchased items only). */
  static String graphNodeWithNeighbours(String base, List<String> ids) throws Exception {
    for (String id : ids) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/related/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?k=5")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200 && JSON.readTree(r.body()).get("items").size() > 0) {
        return id;
      }
    }
    throw new AssertionError("no item of the catalog is in the graph model");
  }
}
