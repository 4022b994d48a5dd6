package dev.funnel.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFilesTest {
  @TempDir Path dir;

  @Test
  void badLineIsNamedOrSkippedAndCounted() throws Exception {
    Path f = dir.resolve("events.jsonl");
    Files.writeString(f, """
        {"type":"click","request_id":"r1","item_id":"a","position":1,"timestamp":1000}

        {"type":"click","request_id":"r2","item_id":"b","position":"two","timestamp":1000}
        not json
        {"type":"purchase","request_id":"r3","item_id":"c","position":3,"timestamp":"2026-01-01T00:00:00Z"}
        """);
    try (FileEventLog log = FileEventLog.open(dir.resolve("a"))) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventFiles.importJsonLines(f, log, false, 10));
      assertTrue(e.getMessage().startsWith(f + ":3: position"), e.getMessage());
      assertEquals("two", e.value());
    }
    try (FileEventLog log = FileEventLog.open(dir.resolve("b"))) {
      EventFiles.ImportResult r = EventFiles.importJsonLines(f, log, true, 1);
      assertEquals(2, r.imported());
      assertEquals(2, r.skipped());
      assertEquals(1L, r.skippedByReason().get("position"));
      assertEquals(1L, r.skippedByReason().get("json"));
      assertEquals(2, log.size());
    }
  }
}
