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
}
