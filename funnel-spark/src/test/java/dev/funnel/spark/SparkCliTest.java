package dev.funnel.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.rank.LambdaMartRanker;
import dev.funnel.rank.RankerFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The Spark command line end to end on a generated log: the model file loads as serve loads it; the generator is reproducible. */
class SparkCliTest {
  @TempDir Path dir;

  @Test
  void generatorIsReproducibleAndSparkTrainRankerWritesALoadableModel() throws Exception {
    OfflineLogGenerator.Written a = OfflineLogGenerator.write(dir.resolve("a"), 5_000, 9);
    OfflineLogGenerator.Written b = OfflineLogGenerator.write(dir.resolve("b"), 5_000, 9);
    assertEquals(a.events(), b.events());
    assertArrayEquals(Files.readAllBytes(a.trainingLog()), Files.readAllBytes(b.trainingLog()));
    assertTrue(a.events() > 200, "clicks and purchases: " + a.events());
    Path model = dir.resolve("ranker.json");
    StringWriter err = new StringWriter();
    CommandLine cl = SparkCli.commandLine();
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute("spark", "train", "ranker", "--logs", a.trainingLog().toString(), "--events", a.eventLog().toString(),
        "--out", model.toString(), "--rounds", "5", "--seed", "2", "--master", "local[2]", "--partitions", "4");
    assertEquals(0, rc, err.toString());
    try (LambdaMartRanker r = RankerFile.read(model, OfflineLogGenerator.SCHEMA)) {
      assertEquals(5_000 / 10, Long.parseLong(r.provenance().source().replaceAll(".*\\((\\d+) requests logged.*", "$1")));
      assertTrue(r.provenance().validation().get("ndcg@10") > 0);
    }
    // A bad option value names itself.
    rc = cl.execute("spark", "graph-edges", "--events", a.eventLog().toString(), "--window", "forever", "--out", dir.resolve("e.tsv").toString());
    assertEquals(2, rc);
    assertTrue(err.toString().contains("window"), err.toString());
  }

  @Test
  void decisionLogGeneratorIsReproducibleAndSparkEvalOpeGivesTheEmbeddedEstimates() throws Exception {
    DecisionLogGenerator.Written a = DecisionLogGenerator.write(dir.resolve("a"), 3_000, 4);
    DecisionLogGenerator.Written b = DecisionLogGenerator.write(dir.resolve("b"), 3_000, 4);
    assertArrayEquals(Files.readAllBytes(a.log()), Files.readAllBytes(b.log()));
    Path out = dir.resolve("ope.json");
    StringWriter err = new StringWriter();
    CommandLine cl = SparkCli.commandLine();
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute("spark", "eval", "ope", "--logs", a.log().toString(), "--policy", a.targetState().toString(), "--seed", "6",
        "--folds", "4", "--switch-tau", "3", "--master", "local[2]", "--partitions", "3", "--json", out.toString());
    assertEquals(0, rc, err.toString());
    var result = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile());
    dev.funnel.bandit.BanditService target = dev.funnel.bandit.BanditService.load(a.targetState());
    var data = dev.funnel.bandit.ope.FunnelLog.data(dev.funnel.bandit.ope.FunnelLog.read(a.log()), target.policy(), target.featurizer(), 4, 6);
    for (var e : java.util.List.of(dev.funnel.bandit.ope.Estimator.DR, dev.funnel.bandit.ope.Estimator.SNDR, dev.funnel.bandit.ope.Estimator.switchDr(3))) {
      assertEquals(e.estimate(data, data.allRows()), result.at("/estimators/" + e.name() + "/unclipped").asDouble(), 1e-9, e.name());
    }
    assertEquals(3_000, result.get("rounds").asLong());
    // A reward range that is not lo,hi names the option.
    rc = cl.execute("spark", "eval", "ope", "--logs", a.log().toString(), "--policy", a.targetState().toString(), "--reward-range", "0,1,2");
    assertEquals(2, rc);
    assertTrue(err.toString().contains("--reward-range"), err.toString());
  }
}
