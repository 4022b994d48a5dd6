package dev.funnel.cli.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import dev.funnel.core.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SciFact regression file re-checked through {@code eval regress} on every build (BM25 exact;
 * dense and hybrid within the HNSW tolerance), and the retrieval targets it stands for: BM25 at
 * Anserini's 0.6789, dense nDCG@10 >= 0.62, hybrid >= the better of the two + 0.01.
 */
class SciFactRegressionTest {
  @TempDir Path tmp;

  @Test
  void sciFactRegressionHolds() throws Exception {
    Assumptions.assumeTrue(SharedData.resolve("beir/scifact").isPresent(), "shared data folder absent");
    Path file = Path.of("..", "docs", "regressions", "scifact.json");
    Assumptions.assumeTrue(Files.exists(file), "run from the funnel-cli module");
    Path out = tmp.resolve("regress.json");
    int code = FunnelCli.commandLine().execute("eval", "regress", file.toString(), "--index", tmp.resolve("indexes").toString(), "--json", out.toString());
    JsonNode r = new ObjectMapper().readTree(out.toFile());
    assertEquals(0, code, r.toPrettyString());
    assertTrue(r.get("ok").asBoolean());
    Map<String, Double> ndcg = new HashMap<>();
    for (JsonNode c : r.get("regressions").get(0).get("checks")) {
      if (c.get("metric").asText().equals("ndcg@10")) {
        ndcg.put(c.get("strategy").asText(), c.get("actual").asDouble());
      }
    }
    assertEquals(0.6789, ndcg.get("bm25"), 0.01);
    assertTrue(ndcg.get("dense") >= 0.62, "dense " + ndcg);
    assertTrue(ndcg.get("hybrid") >= Math.max(ndcg.get("bm25"), ndcg.get("dense")) + 0.01, "hybrid " + ndcg);
  }
}
