package dev.funnel.cli.serve;

import dev.funnel.assembly.ReplicaAssembly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.Item;
import dev.funnel.events.FileEventLog;
import dev.funnel.retrieval.CatalogIndex;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A stateless replica ({@code serve --snapshots}) serves the conversion decision model as a
 * single process does: {@code min_precision} requests are gated, an unreachable precision is a
 * 400 naming {@code precision}, and the gate's click counts hold the whole shared log at start
 * and then every event stored in it (here, a click posted to the replica itself comes back
 * through the log). The replica starts before any snapshot is published (fresh learned state).
 */
class ReplicaDecisionModelTest {
  @TempDir Path dir;

  @Test
  void aReplicaGatesSearchesWithTheDecisionModelAndCountsTheSharedLogsClicks() throws Exception {
    Path index = ReplicasTest.index(dir);
    List<String> ids;
    try (CatalogIndex ci = CatalogIndex.open(index)) {
      ids = ci.items().stream().map(Item::id).toList();
    }
    Path events = dir.resolve("events");
    ServedLoopEndToEndTest.writeEvents(events, ids);
    long stored;
    try (FileEventLog log = FileEventLog.open(events)) {
      stored = log.size();
    }
    Path decision = dir.resolve("decision.json");
    ServedLoopEndToEndTest.cli("train", "thresholds", "--format", "events", "--data", events.toString(), "--attribution-window", "3d", "--precision",
        "0.5", "--members", "4", "--rounds", "30", "--threads", "1", "--seed", "2", "--out", decision.toString());
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--index", index.toString(), "--events", events.toString(), "--snapshots", dir.resolve("snapshots").toString(),
        "--state", dir.resolve("replica").toString(), "--decision-model", decision.toString(), "--retrain-every", "0", "--autosave", "0");
    try (ReplicaAssembly replica = serve.assembleReplica()) {
      String base = "http://127.0.0.1:" + replica.start("127.0.0.1", 0);
      JsonNode health = ServedLoopEndToEndTest.get(base, "/health", 200);
      assertEquals("replica", health.get("role").asText());
      assertEquals(0.5, health.at("/decision_model/target_precisions/0").asDouble(), health.toString());
      assertEquals(stored, health.at("/decision_model_clicks/events_observed").asLong(), "the whole shared log before serving: " + health);

      JsonNode gated = ServedLoopEndToEndTest.post(base, "/search", "{\"query\": \"gift card\", \"k\": 10, \"user\": \"u1\", \"decision\": {\"min_precision\": 0.5}}", 200);
      assertTrue(gated.has("gate"), gated.toString());
      for (JsonNode item : gated.get("items")) {
        assertTrue(item.has("conversion"), item.toString());
      }
      assertEquals("precision", ServedLoopEndToEndTest.post(base, "/search", "{\"query\": \"gift card\", \"decision\": {\"min_precision\": 0.99}}", 400)
          .get("field").asText());

      // a click stored through this replica reaches its gate through the shared log
      String request = ServedLoopEndToEndTest.post(base, "/search", "{\"query\": \"gift card\", \"k\": 5}", 200).get("request_id").asText();
      ServedLoopEndToEndTest.post(base, "/events", "{\"type\": \"click\", \"request_id\": \"" + request + "\", \"item_id\": \"p3\", \"position\": 1, \"timestamp\": \""
          + Instant.now() + "\"}", 200);
      ReplicasTest.await("the click in the gate's counts", () -> ServedLoopEndToEndTest.get(base, "/health", 200)
          .at("/decision_model_clicks/events_observed").asLong() == stored + 1);
    }
  }
}
