package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {
  @TempDir Path dir;

  @Test
  void roundTrip() throws Exception {
    TrainingRecord a = new TrainingRecord("r1", "red shoes", Instant.parse("2026-11-22T10:00:00Z"), "gold", "i1", 1, new float[] {1.5f, -2});
    TrainingRecord b = new TrainingRecord("r1", "red shoes", null, null, "i2", 2, new float[] {0, 3.25f});
    Path f = dir.resolve("log.jsonl");
    new TrainingLog(ClickSimulation.SCHEMA, List.of(a, b)).write(f);
    TrainingLog back = TrainingLog.read(f);
    assertEquals(ClickSimulation.SCHEMA, back.schema());
    assertEquals(2, back.records().size());
    assertEquals(a.time(), back.records().get(0).time());
    assertEquals("gold", back.records().get(0).segment());
    assertArrayEquals(b.features(), back.records().get(1).features());
    assertEquals(null, back.records().get(1).time());
  }

  @Test
  void badLinesNameFileLineAndField() throws Exception {
    Path f = dir.resolve("bad.jsonl");
    String header = TrainingLog.headerLine(ClickSimulation.SCHEMA);
    Files.writeString(f, header + "\n" + "{\"request_id\":\"r\",\"query\":\"q\",\"item_id\":\"i\",\"position\":0,\"features\":[1,2]}\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrainingLog.read(f));
    assertEquals("position", e.field());
    assertTrue(e.getMessage().startsWith(f + ":2: position: expected an integer >= 1"), e.getMessage());

    Files.writeString(f, header + "\n\n" + "{\"request_id\":\"r\",\"query\":\"q\",\"item_id\":\"i\",\"position\":1,\"features\":[1]}\n");
    e = assertThrows(InvalidInputException.class, () -> TrainingLog.read(f));
    assertTrue(e.getMessage().startsWith(f + ":3: features"), e.getMessage());

    Files.writeString(f, "{\"format\":\"events\"}\n");
    assertEquals("format", assertThrows(InvalidInputException.class, () -> TrainingLog.read(f)).field());
  }

  @Test
  void appendCreatesTheHeaderOnceAndRefusesAnotherSchema() throws Exception {
    Path f = dir.resolve("sub/append.jsonl");
    TrainingRecord a = new TrainingRecord("r1", "q", null, null, "i1", 1, new float[] {1, 2});
    TrainingRecord b = new TrainingRecord("r2", "q", null, null, "i2", 1, new float[] {3, 4});
    TrainingLog.append(f, ClickSimulation.SCHEMA, List.of(a));
    TrainingLog.append(f, ClickSimulation.SCHEMA, List.of(b));
    TrainingLog back = TrainingLog.read(f);
    assertEquals(List.of("r1", "r2"), back.records().stream().map(TrainingRecord::requestId).toList());
    FeatureSchema other = new FeatureSchema(1, List.of("x0", "y"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TrainingLog.append(f, other, List.of(new TrainingRecord("r3", "q", null, null, "i", 1, new float[] {1, 2}))));
    assertTrue(e.getMessage().contains("schema.names[1]"), e.getMessage());
    assertEquals(3, Files.readAllLines(f).size());
  }
}
