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
