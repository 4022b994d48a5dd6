package dev.funnel.cli.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.cli.FunnelCli;
import dev.funnel.events.FileEventLog;
import dev.funnel.rank.ClickSimulation;
import dev.funnel.rank.LambdaMartRanker;
import dev.funnel.rank.RankerFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainRankerCommandTest {
  @TempDir Path dir;

  @Test
  void trainsFromAnEventLogDirectoryAndWritesAModelWithProvenance() throws Exception {
    ClickSimulation sim = new ClickSimulation(5, 20, 5, 400, ClickSimulation.powerLawPropensities(5, 1), 0.3);
    Path logs = dir.resolve("training.jsonl");
    sim.trainingLog().write(logs);
    Path events = dir.resolve("events");
    try (FileEventLog log = FileEventLog.open(events)) {
      log.append(sim.events());
    }
    Path model = dir.resolve("ranker.json");
    Path json = dir.resolve("result.json");
    int rc = FunnelCli.commandLine().execute("train", "ranker", "--logs", logs.toString(), "--events", events.toString(),
        "--out", model.toString(), "--seed", "3", "--rounds", "20", "--propensity-model", "FEATURES", "--json", json.toString());
    assertEquals(0, rc);
    try (LambdaMartRanker r = RankerFile.read(model, ClickSimulation.SCHEMA)) {
      assertEquals(3, r.provenance().seed());
      assertTrue(r.provenance().positionBias().startsWith("ipw-pairs"), r.provenance().positionBias());
      assertTrue(r.provenance().positionBias().contains("(EM relevance features)"), r.provenance().positionBias());
      assertTrue(r.provenance().source().contains(sim.events().size() + " events joined, 0 unmatched"), r.provenance().source());
    }
    assertTrue(Files.readString(json).contains("\"propensities\""));
  }

  /**
   * A LETOR file (inline qid, NULL values, # document ids) and the same rows as SVMlight with a
   * .query file: both are read by the one SVMlight/LETOR reader, train a model that scores the
   * held-out queries above chance, and the NULLs arrive as missing values.
   */
  @Test
  void trainsOnLetorAndSvmLightFilesThroughTheCli() throws Exception {
    StringBuilder letor = new StringBuilder();
    StringBuilder svm = new StringBuilder();
    StringBuilder query = new StringBuilder();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
    int nulls = 0;
    for (int q = 1; q <= 40; q++) {
      query.append(8).append('\n');
      for (int j = 0; j < 8; j++) {
        double rel = rnd.nextDouble();
        int label = rel > 0.8 ? 2 : rel > 0.5 ? 1 : 0;
        String f1 = String.format(java.util.Locale.ROOT, "%.4f", rel + 0.3 * rnd.nextGaussian());
        String f2 = String.format(java.util.Locale.ROOT, "%.4f", rnd.nextDouble());
        boolean isNull = rnd.nextDouble() < 0.1;
        nulls += isNull ? 1 : 0;
        letor.append(label).append(" qid:").append(q).append(" 1:").append(isNull ? "NULL" : f1).append(" 2:").append(f2)
            .append(" # doc-").append(q).append('-').append(j).append('\n');
        svm.append(label).append(" 1:").append(f1).append(" 2:").append(f2).append('\n');
      }
    }
    Path letorFile = dir.resolve("train.letor");
    Files.writeString(letorFile, letor);
    Path svmFile = dir.resolve("train.svm");
    Files.writeString(svmFile, svm);
    Files.writeString(dir.resolve("train.svm.query"), query);
    for (Path data : java.util.List.of(letorFile, svmFile)) {
      Path model = dir.resolve(data.getFileName() + ".model.json");
      Path json = dir.resolve(data.getFileName() + ".result.json");
      int rc = FunnelCli.commandLine().execute("train", "ranker", "--data", data.toString(), "--out", model.toString(), "--seed", "2",
          "--rounds", "30", "--json", json.toString());
      assertEquals(0, rc, data.toString());
      var r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
      boolean isLetor = data.equals(letorFile);
      assertEquals(isLetor ? "qid" : ".query file", r.get("data").get("groups_from").asText());
      assertEquals(40, r.get("data").get("queries").asInt());
      assertEquals(isLetor ? nulls : 0, r.get("data").get("missing_values").asLong());
      assertEquals(isLetor ? "missing" : "zero", r.get("data").get("absent_features").asText());
      assertEquals(isLetor ? 320 : 0, r.get("data").get("rows_with_document_id").asLong());
      int held = r.get("validation_queries").asInt();
      assertTrue(held > 0 && held < 40, r.toString());
      assertEquals(320 - 8 * held, r.get("training_rows").asLong());
      // feature 1 carries the relevance: held-out nDCG@10 well above what random scores reach
      assertTrue(r.get("validation").get("ndcg@10").asDouble() > 0.8, r.toString());
      try (LambdaMartRanker m = RankerFile.read(model)) {
        assertEquals(2, m.provenance().seed());
        assertTrue(m.provenance().source().contains(held + " held out for validation"), m.provenance().source());
        assertEquals(3, m.schema().size());
      }
    }
  }

  @Test
  void dataAndLogsTogetherExitWithCode2AndNameTheOption() {
    StringWriter err = new StringWriter();
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute("train", "ranker", "--data", dir.resolve("x.letor").toString(), "--logs", dir.resolve("t.jsonl").toString(),
        "--out", dir.resolve("m.json").toString());
    assertEquals(2, rc);
    assertTrue(err.toString().contains("--data"), err.toString());
    StringWriter err2 = new StringWriter();
    var cl2 = FunnelCli.commandLine();
    cl2.setErr(new PrintWriter(err2));
    assertEquals(2, cl2.execute("train", "ranker", "--out", dir.resolve("m.json").toString()));
    assertTrue(err2.toString().contains("--logs"), err2.toString());
  }

  @Test
  void badEventLinesExitWithCode2AndNameTheLine() throws Exception {
    ClickSimulation sim = new ClickSimulation(5, 5, 3, 20, ClickSimulation.powerLawPropensities(3, 1), 0.3);
    Path logs = dir.resolve("training.jsonl");
    sim.trainingLog().write(logs);
    Path events = dir.resolve("events.jsonl");
    Files.writeString(events, "{\"type\":\"click\",\"request_id\":\"r0\",\"item_id\":\"x\",\"position\":0,\"timestamp\":\"2026-11-01T00:00:00Z\"}\n");
    StringWriter err = new StringWriter();
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute("train", "ranker", "--logs", logs.toString(), "--events", events.toString(), "--out", dir.resolve("m.json").toString());
    assertEquals(2, rc);
    assertTrue(err.toString().contains(events + ":1: position"), err.toString());
  }
}
