package dev.funnel.cli.serve;

import dev.funnel.assembly.ServerAssembly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ranker versions over HTTP: a server learns from clicks (its training log and event log), two
 * rankers are trained offline from them with {@code funnel train ranker} (two seeds), served with
 * {@code --ranker FILE} by two starts over the same state, and {@code GET /models} lists both
 * with provenance and held-out metrics; {@code POST /models/ranker/{v}/activate} rolls back and
 * forward while searches keep answering; bad versions get a 400 or a 404 naming the version;
 * {@code /health} shows the live version and the last retraining attempt with its duration.
 */
class ModelsApiTest {
  @TempDir Path dir;

  @Test
  void rankerFilesBecomeVersionsThatActivateRollsBackAndForward() throws Exception {
    Path idx = catalog();
    Path events = dir.resolve("events");
    Path state = dir.resolve("state");
    LoopSettings learn = new LoopSettings();
    learn.trainingLog = "all";
    learn.retrainEvery = 20;
    learn.firstRetrainAfter = 20;
    try (ServerAssembly api = new ServerAssembly(idx, events, state, null, null, learn.config())) {
      String base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
      JsonNode health = ServedLoopEndToEndTest.get(base, "/health", 200);
      assertTrue(health.path("loop_stats").has("last_retraining"), health.toString());
      assertTrue(health.path("loop_stats").path("last_retraining").isNull(), "no attempt yet: " + health);
      clicks(base, 40);
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (health.path("loop_stats").path("last_retraining").isNull() && System.nanoTime() < deadline) {
        Thread.sleep(200);
        health = ServedLoopEndToEndTest.get(base, "/health", 200);
      }
      JsonNode last = health.path("loop_stats").path("last_retraining");
      assertTrue(List.of("accepted", "refused", "failed", "skipped").contains(last.path("outcome").asText()), health.toString());
      assertTrue(last.path("duration_ms").asDouble() >= 0, health.toString());
      assertTrue(last.has("detail") && last.has("finished_at"), health.toString());
    }
    Path r1 = dir.resolve("r1.json");
    Path r2 = dir.resolve("r2.json");
    for (Path out : List.of(r1, r2)) {
      ServedLoopEndToEndTest.cli("train", "ranker", "--logs", state.resolve("training.log").toString(), "--events", events.toString(), "--out",
          out.toString(), "--seed", out == r1 ? "1" : "2", "--rounds", out == r1 ? "20" : "30");
    }
    LoopSettings first = new LoopSettings();
    first.retrainEvery = 0;
    first.ranker = r1;
    int v1;
    int kept;
    try (ServerAssembly api = new ServerAssembly(idx, events, state, null, null, first.config())) {
      String base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
      JsonNode models = ServedLoopEndToEndTest.get(base, "/models", 200);
      JsonNode live = liveVersion(models);
      assertNotNull(live, models.toString());
      assertEquals("file", live.path("origin").asText());
      assertEquals(r1.toAbsolutePath().toString(), live.path("source").asText());
      assertEquals(1, live.path("provenance").path("seed").asInt());
      assertTrue(live.path("provenance").path("rows").asLong() > 0, live.toString());
      assertTrue(live.path("metrics").isObject(), live.toString());
      v1 = live.path("version").asInt();
      kept = models.path("ranker").path("versions").size();
      // the learning server's accepted retrainings (if validation accepted one) came first
      for (JsonNode v : models.path("ranker").path("versions")) {
        assertTrue(v.path("version").asInt() == v1 || v.path("origin").asText().equals("retraining"), models.toString());
      }
      assertEquals(v1, ServedLoopEndToEndTest.get(base, "/health", 200).path("ranker_version").asInt());
      assertEquals("lambdamart", ServedLoopEndToEndTest.post(base, "/search", "{\"query\": \"red mug\", \"k\": 5}", 200).path("ranker").asText());
    }
    LoopSettings second = new LoopSettings();
    second.retrainEvery = 0;
    second.ranker = r2;
    try (ServerAssembly api = new ServerAssembly(idx, events, state, null, null, second.config())) {
      String base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
      JsonNode models = ServedLoopEndToEndTest.get(base, "/models", 200);
      JsonNode versions = models.path("ranker").path("versions");
      assertEquals(kept + 1, versions.size(), "r1 kept once (from the last start and as the saved state's model), r2 new: " + models);
      int v2 = liveVersion(models).path("version").asInt();
      assertTrue(v2 > v1, models.toString());
      assertEquals(2, liveVersion(models).path("provenance").path("seed").asInt());
      // roll back
      JsonNode back = ServedLoopEndToEndTest.post(base, "/models/ranker/" + v1 + "/activate", "", 200);
      assertEquals(v1, back.path("activated").asInt());
      assertEquals(v2, back.path("previous").asInt());
      assertEquals(v1, liveVersion(ServedLoopEndToEndTest.get(base, "/models", 200)).path("version").asInt());
      assertEquals(v1, ServedLoopEndToEndTest.get(base, "/health", 200).path("ranker_version").asInt());
      JsonNode served = ServedLoopEndToEndTest.post(base, "/search", "{\"query\": \"blue lamp\", \"k\": 5}", 200);
      assertEquals("lambdamart", served.path("ranker").asText());
      assertFalse(served.path("items").isEmpty(), served.toString());
      // and forward
      assertEquals(v2, ServedLoopEndToEndTest.post(base, "/models/ranker/" + v2 + "/activate", "", 200).path("activated").asInt());
      assertEquals(v2, liveVersion(ServedLoopEndToEndTest.get(base, "/models", 200)).path("version").asInt());
      JsonNode missing = ServedLoopEndToEndTest.post(base, "/models/ranker/99/activate", "", 404);
      assertEquals("version", missing.path("field").asText(), missing.toString());
      JsonNode bad = ServedLoopEndToEndTest.post(base, "/models/ranker/abc/activate", "", 400);
      assertEquals("version", bad.path("field").asText(), bad.toString());
      JsonNode decision = ServedLoopEndToEndTest.get(base, "/models/decision", 200);
      assertFalse(decision.path("loaded").asBoolean());
      assertTrue(decision.path("reason").asText().contains("--decision-model"), decision.toString());
    }
    assertTrue(Files.isRegularFile(state.resolve("models").resolve("versions.json")));
  }

  @Test
  void aRankerFileThatIsNotAModelStopsStartNamingTheOption() throws Exception {
    Path idx = catalog();
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"format\": \"something else\"}");
    LoopSettings s = new LoopSettings();
    s.ranker = bad;
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new ServerAssembly(idx, dir.resolve("events"), dir.resolve("state"), null, null, s.config()).close());
    assertEquals("--ranker", e.field(), e.getMessage());
    assertTrue(e.getMessage().contains("funnel-ranker"), e.getMessage());
  }

  private static JsonNode liveVersion(JsonNode models) {
    for (JsonNode v : models.path("ranker").path("versions")) {
      if (v.path("live").asBoolean()) {
        return v;
      }
    }
    return null;
  }

  /** Searches for a few queries, each with a click on the third result (seeded). */
  private static void clicks(String base, int searches) throws Exception {
    String[] queries = {"red mug", "blue lamp", "oak chair", "gift card", "wool steel"};
    for (int i = 0; i < searches; i++) {
      JsonNode res = ServedLoopEndToEndTest.post(base, "/search", "{\"query\": \"" + queries[i % queries.length] + "\", \"k\": 10}", 200);
      JsonNode items = res.get("items");
      int p = Math.min(3, items.size());
      if (p == 0) {
        continue;
      }
      ServedLoopEndToEndTest.post(base, "/events", "{\"type\": \"click\", \"request_id\": \"" + res.get("request_id").asText() + "\", \"item_id\": \""
          + items.get(p - 1).get("id").asText() + "\", \"position\": " + p + ", \"timestamp\": \"" + Instant.parse("2026-11-01T00:00:00Z") + "\"}", 200);
    }
  }

  private Path catalog() throws Exception {
    List<String> lines = new ArrayList<>();
    String[] words = {"red", "blue", "mug", "lamp", "chair", "card", "gift", "wool", "steel", "oak"};
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 200; i++) {
      lines.add("{\"id\": \"p" + i + "\", \"title\": \"" + words[r.nextInt(10)] + " " + words[r.nextInt(10)] + " " + words[r.nextInt(10)]
          + "\", \"brand\": \"b" + r.nextInt(5) + "\"}");
    }
    Path file = dir.resolve("catalog.jsonl");
    Files.write(file, lines);
    Path idx = dir.resolve("index");
    if (!Files.exists(idx)) {
      ServedLoopEndToEndTest.cli("index", "--input", file.toString(), "--index", idx.toString(), "--text-fields", "title", "--keyword-fields", "brand",
          "--no-vectors");
    }
    return idx;
  }
}
