package dev.funnel.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEventLogTest {
  @TempDir Path dir;

  private static Event click(String item, int pos) {
    return new Event(EventType.CLICK, "r1", item, pos, Instant.ofEpochMilli(1000L * pos), "u1", null, "red shoes");
  }

  @Test
  void appendedEventsSurviveReopen() throws Exception {
    try (FileEventLog log = FileEventLog.open(dir)) {
      log.append(List.of(click("a", 1), click("b", 2)));
      log.append(List.of(click("c", 3)));
      assertEquals(3, log.size());
    }
    try (FileEventLog log = FileEventLog.open(dir)) {
      List<Event> seen = new ArrayList<>();
      log.scan(seen::add);
      assertEquals(List.of(click("a", 1), click("b", 2), click("c", 3)), seen);
    }
  }

  @Test
  void tornTailIsCutOffAndEarlierBatchesKept() throws Exception {
    try (FileEventLog log = FileEventLog.open(dir)) {
      log.append(List.of(click("a", 1)));
    }
    // a crash mid-write leaves half a record
    Files.writeString(dir.resolve(FileEventLog.FILE_NAME), "1234abcd [{\"type\":\"cli", StandardOpenOption.APPEND);
    try (FileEventLog log = FileEventLog.open(dir)) {
      assertTrue(log.recoveredBytes() > 0);
      assertEquals(1, log.size());
      log.append(List.of(click("b", 2)));
    }
    try (FileEventLog log = FileEventLog.open(dir)) {
      assertEquals(2, log.size());
      assertEquals(0, log.recoveredBytes());
    }
  }

  @Test
  void malformedEventsNameTheField() throws Exception {
    JsonNode bad = EventCodec.JSON.readTree(
        "[{\"type\":\"click\",\"request_id\":\"r\",\"item_id\":\"i\",\"position\":1,\"timestamp\":5},"
            + "{\"type\":\"click\",\"request_id\":\"r\",\"item_id\":\"i\",\"position\":0,\"timestamp\":5}]");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventCodec.parseMany(bad));
    assertEquals("events[1].position", e.field());
    JsonNode badType = EventCodec.JSON.readTree(
        "{\"type\":\"like\",\"request_id\":\"r\",\"item_id\":\"i\",\"position\":1,\"timestamp\":5}");
    assertEquals("type", assertThrows(InvalidInputException.class, () -> EventCodec.parseMany(badType)).field());
    JsonNode badTime = EventCodec.JSON.readTree(
        "{\"type\":\"click\",\"request_id\":\"r\",\"item_id\":\"i\",\"position\":1,\"timestamp\":\"yesterday\"}");
    InvalidInputException t = assertThrows(InvalidInputException.class, () -> EventCodec.parseMany(badTime));
    assertEquals("timestamp", t.field());
    assertEquals("yesterday", t.value());
  }
}
