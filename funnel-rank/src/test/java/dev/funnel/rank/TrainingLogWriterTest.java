package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serving process's training log: appends across restarts, survives a torn last line, rotates on a schema change. */
class TrainingLogWriterTest {
  static final FeatureSchema SCHEMA = new FeatureSchema(1, List.of("a", "b"));

  static TrainingRecord rec(String req, String item, int pos) {
    return new TrainingRecord(req, "red shoes", Instant.parse("2026-11-30T10:00:00Z"), null, item, pos, new float[] {pos, 0.5f});
  }

  @Test
  void appendsAcrossRestartsAndSkipsATornLastLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("training.log");
    try (TrainingLogWriter w = TrainingLogWriter.open(file, SCHEMA)) {
      w.append(List.of(rec("r1", "x", 1), rec("r1", "y", 2)));
    }
    try (TrainingLogWriter w = TrainingLogWriter.open(file, SCHEMA)) {
      w.append(List.of(rec("r2", "x", 1)));
    }
    assertEquals(3, TrainingLog.read(file).records().size(), "one header, three records");
    Files.writeString(file, "{\"request_id\": \"r3\", \"query\": \"red", StandardOpenOption.APPEND);
    TrainingLog log = TrainingLog.read(file);
    assertEquals(3, log.records().size(), "the torn line is skipped");
    assertEquals(SCHEMA, log.schema());
    Files.writeString(file, "\n", StandardOpenOption.APPEND);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrainingLog.read(file));
    assertTrue(e.getMessage().contains(file + ":5"), "a bad complete line is an error naming it: " + e.getMessage());
  }

  @Test
  void anotherSchemaSetsTheOldLogAsideAndRowsMustFit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("training.log");
    try (TrainingLogWriter w = TrainingLogWriter.open(file, SCHEMA)) {
      w.append(List.of(rec("r1", "x", 1)));
      assertThrows(InvalidInputException.class, () -> w.append(List.of(new TrainingRecord("r", "q", null, null, "i", 1, new float[] {1}))));
    }
    FeatureSchema wider = new FeatureSchema(1, List.of("a", "b", "graph.rr"));
    try (TrainingLogWriter w = TrainingLogWriter.open(file, wider)) {
      w.append(List.of(new TrainingRecord("r2", "q", null, null, "i", 1, new float[] {1, 2, 3})));
    }
    assertEquals(wider, TrainingLog.read(file).schema());
    assertEquals(1, TrainingLog.read(file).records().size());
    Path previous = dir.resolve("training.log.previous");
    assertEquals(SCHEMA, TrainingLog.read(previous).schema());
    assertEquals(1, TrainingLog.read(previous).records().size());
  }
}
