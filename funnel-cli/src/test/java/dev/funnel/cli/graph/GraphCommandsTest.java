package dev.funnel.cli.graph;

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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval graph, train graph and related through the command line, on a small planted directed graph. */
class GraphCommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  /** 8 communities of 40 nodes; each node cites 3 earlier nodes of its community, early ones more often. */
  Path planted() throws Exception {
    SplittableRandom r = new SplittableRandom(4);
    List<String> lines = new ArrayList<>(List.of("source\ttarget"));
    for (int g = 0; g < 8; g++) {
      for (int a = 1; a < 40; a++) {
        java.util.Set<Integer> to = new java.util.TreeSet<>();
        while (to.size() < Math.min(3, a)) {
          to.add((int) Math.floor(a * Math.pow(r.nextDouble(), 2)));
        }
        for (int b : to) {
          lines.add("g" + g + "n" + a + "\tg" + g + "n" + b);
        }
      }
    }
    Path f = tmp.resolve("edges.tsv");
    Files.write(f, lines);
    return f;
  }

  static int run(StringWriter err, String... args) {
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void evalTrainAndRelatedOnAPlantedGraph() throws Exception {
    Path edges = planted();
    Path out = tmp.resolve("eval.json");
    StringWriter err = new StringWriter();
    assertEquals(0, run(err, "eval", "graph", "--edges", edges.toString(), "--methods", "blade,popularity", "--epochs", "8", "--dim", "16",
        "--seed", "2", "--json", out.toString()), err.toString());
    JsonNode j = JSON.readTree(out.toFile());
    for (String m : List.of("blade", "popularity")) {
      JsonNode x = j.get("methods").get(m);
      for (String k : List.of("hr@10", "hr@20", "mrr", "direction_auc", "by_degree", "by_in_degree", "by_out_degree")) {
        assertTrue(x.has(k), m + " " + k);
      }
      assertTrue(x.get("hr@10").asDouble() <= x.get("hr@20").asDouble());
    }
    assertEquals(0.0, j.get("reciprocity").asDouble(), 0.0, "every edge points to an earlier node");
    JsonNode blade = j.get("methods").get("blade");
    JsonNode ci = blade.get("hr@10_ci95");
    assertTrue(ci.get(0).asDouble() <= blade.get("hr@10").asDouble() && blade.get("hr@10").asDouble() <= ci.get(1).asDouble(), blade.toString());
    assertTrue(j.get("methods").get("popularity").has("blade_minus_this_mrr_ci95"));
    JsonNode chosen = blade.get("chosen").get(0);
    for (String k : List.of("dim", "reverse_weight", "max_walks", "best_epoch", "symmetric_mix", "degree_prior",
        "degree_prior_only", "validation_mrr_without_prior", "validation_mrr_best_candidate", "candidates")) {
      assertTrue(chosen.has(k), "chosen " + k + ": " + chosen);
    }
    assertTrue(chosen.get("validation_mrr").asDouble() <= chosen.get("validation_mrr_best_candidate").asDouble(), chosen.toString());
    assertEquals("one-se", j.get("config").get("tuning").get("mix_selection").asText(), "the default selection rule");
    assertTrue(blade.get("direction_accuracy").asDouble() > 0.8, "every edge points to an earlier node: " + blade);
    assertTrue(blade.get("hr@10").asDouble() > j.get("methods").get("popularity").get("hr@10").asDouble(), j.toString());

    Path model = tmp.resolve("related.model");
    Path trained = tmp.resolve("train.json");
    assertEquals(0, run(err, "train", "graph", "--edges", edges.toString(), "--epochs", "8", "--dim", "16", "--seed", "2", "--out", model.toString(),
        "--json", trained.toString()), err.toString());
    JsonNode prov = JSON.readTree(trained.toFile());
    assertEquals(0.0, prov.get("reciprocity").asDouble(), 0.0);
    assertTrue(prov.get("chosen").has("symmetric_mix"), prov.toString());
    Path rel = tmp.resolve("related.json");
    assertEquals(0, run(err, "related", "--model", model.toString(), "--item", "g0n30", "--k", "5", "--json", rel.toString()), err.toString());
    JsonNode items = JSON.readTree(rel.toFile()).get("items");
    assertEquals(5, items.size());
    int sameGroup = 0;
    for (JsonNode i : items) {
      sameGroup += i.get("id").asText().startsWith("g0n") ? 1 : 0;
    }
    assertTrue(sameGroup >= 3, "related items come from the node's own community: " + items);

    StringWriter bad = new StringWriter();
    Path broken = tmp.resolve("broken.tsv");
    Files.write(broken, List.of("a\tb", "c"));
    assertEquals(2, run(bad, "train", "graph", "--edges", broken.toString(), "--out", tmp.resolve("x.model").toString()));
    assertTrue(bad.toString().contains("broken.tsv:2"), "a bad line is named by file and line: " + bad);
    StringWriter badRule = new StringWriter();
    assertEquals(2, run(badRule, "eval", "graph", "--edges", edges.toString(), "--mix-selection", "median"));
    assertTrue(badRule.toString().contains("mix-selection") && badRule.toString().contains("median"), badRule.toString());
  }
}
