package dev.funnel.cli.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate through the command line on a tiny BEIR-format collection: the JSON shape, the plot, the seed. */
class SimulateCommandTest {
  @TempDir Path tmp;

  @Test
  void simulatesPoliciesAndWritesJsonAndPlot() throws Exception {
    Path beir = Files.createDirectories(tmp.resolve("tiny"));
    Files.createDirectories(beir.resolve("qrels"));
    String[] topics = {"aspirin heart", "coffee sleep", "exercise sleep", "vitamin bone", "smoking lung", "salt pressure"};
    List<String> corpus = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    List<String> qrels = new ArrayList<>(List.of("query-id\tcorpus-id\tscore"));
    for (int t = 0; t < topics.length; t++) {
      for (int d = 0; d < 5; d++) {
        corpus.add("{\"_id\": \"d" + t + "_" + d + "\", \"title\": \"study " + d + "\", \"text\": \"" + topics[t] + " effect trial number " + d + "\"}");
      }
      queries.add("{\"_id\": \"q" + t + "\", \"text\": \"does " + topics[t] + " matter\"}");
      qrels.add("q" + t + "\td" + t + "_" + (t % 5) + "\t1");
    }
    Files.write(beir.resolve("corpus.jsonl"), corpus);
    Files.write(beir.resolve("queries.jsonl"), queries);
    Files.write(beir.resolve("qrels/train.tsv"), qrels);
    Path out = tmp.resolve("sim.json");
    Path plot = tmp.resolve("reward.svg");
    StringWriter err = new StringWriter();
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("simulate", "--beir", beir.toString(), "--searches", "300", "--seed", "5", "--strategies", "bm25,memory",
        "--policies", "fixed:bm25,union,linucb,oracle", "--retrain-every", "100", "--work", tmp.resolve("work").toString(),
        "--json", out.toString(), "--plot", plot.toString());
    assertEquals(0, code, err.toString());
    JsonNode j = new ObjectMapper().readTree(out.toFile());
    assertEquals(5, j.get("seed").asInt());
    for (String p : List.of("fixed:bm25", "union", "linucb", "oracle")) {
      JsonNode r = j.get("policies").get(p);
      for (String k : List.of("reward_per_search", "ndcg@10", "candidates_per_search")) {
        assertTrue(r.get(k).isNumber(), p + " " + k + " in " + r);
      }
      assertTrue(r.get("reward_per_search").asDouble() >= 0 && r.get("reward_per_search").asDouble() <= 1, r.toString());
    }
    assertTrue(j.get("policies").get("union").get("candidates_per_search").asDouble() > j.get("policies").get("fixed:bm25").get("candidates_per_search").asDouble() - 1e-9);
    assertTrue(j.has("timeline") && j.has("must_show"), j.fieldNames().toString());
    assertTrue(Files.readString(plot).contains("<svg"), "an SVG plot");
  }
}
