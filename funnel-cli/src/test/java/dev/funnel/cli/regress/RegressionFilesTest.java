package dev.funnel.cli.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import dev.funnel.core.util.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every checked-in result file is valid, and the suite files reproduce: {@code eval regress
 * --suite} over docs/regressions re-runs each file marked {@code "suite": true} (the SciFact
 * retrieval regression among them, exact for every strategy since index builds are
 * deterministic) and validates the rest. The retrieval targets the SciFact file stands for are
 * checked too: BM25 at Anserini's 0.6789, dense nDCG@10 >= 0.62, hybrid >= the better + 0.01.
 */
class RegressionFilesTest {
  private static final Path DIR = Path.of("..", "docs", "regressions");

  @TempDir Path tmp;

  @Test
  void everyFileIsValid() throws Exception {
    List<Path> files = files();
    assertFalse(files.isEmpty(), "result files in " + DIR);
    for (Path f : files) {
      RegressionFile file = RegressCommand.read(f);
      assertFalse(file.expected().isEmpty(), f.toString());
    }
  }

  @Test
  void suiteFilesReproduce() throws Exception {
    Assumptions.assumeTrue(SharedData.root().isPresent(), "shared data folder absent");
    List<String> args = new ArrayList<>(List.of("eval", "regress", "--suite", "--index", tmp.resolve("indexes").toString(),
        "--json", tmp.resolve("regress.json").toString()));
    files().forEach(f -> args.add(f.toString()));
    StringWriter err = new StringWriter();
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args.toArray(String[]::new));
    JsonNode r = new ObjectMapper().readTree(tmp.resolve("regress.json").toFile());
    assertEquals(0, code, r.toPrettyString() + err);
    assertTrue(r.get("ok").asBoolean());
    Map<String, Double> ndcg = new HashMap<>();
    int ran = 0;
    for (JsonNode file : r.get("regressions")) {
      ran += file.get("ran").asBoolean() ? 1 : 0;
      if (file.get("file").asText().endsWith("scifact-test.json")) {
        for (JsonNode c : file.get("checks")) {
          String m = c.get("metric").asText();
          if (m.endsWith("/ndcg@10")) {
            ndcg.put(m.split("/")[2], c.get("actual").asDouble());
          }
        }
      }
    }
    assertTrue(ran >= 1, "at least one suite file ran");
    assertEquals(0.6789, ndcg.get("bm25"), 0.0001);
    assertTrue(ndcg.get("dense") >= 0.62, "dense " + ndcg);
    assertTrue(ndcg.get("hybrid") >= Math.max(ndcg.get("bm25"), ndcg.get("dense")) + 0.01, "hybrid " + ndcg);
  }

  @Test
  void anExpectedValueNotInTheOutputIsRefused() throws Exception {
    Path src = DIR.resolve("delayed-synthetic-seed1.json");
    ObjectMapper json = new ObjectMapper();
    var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(src.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("expected").get(0)).put("value", 0.5);
    Path bad = tmp.resolve("delayed-synthetic-seed1.json");
    Files.writeString(bad, json.writeValueAsString(node));
    StringWriter err = new StringWriter();
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err));
    assertEquals(2, cl.execute("eval", "regress", bad.toString()), "an expected value that is not the recorded output is refused");
    assertTrue(err.toString().contains("expected/methods/"), err.toString());
  }

  private static List<Path> files() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(DIR), "run from the funnel-cli module");
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }
}
