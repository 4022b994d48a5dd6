package dev.funnel.cli.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import dev.funnel.events.FileEventLog;
import dev.funnel.uncertainty.FeatureTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows read from event logs for the threshold commands, checked by hand. */
class EventLogExamplesTest {
  static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

  static Event ev(EventType type, String req, String item, int pos, long seconds, String user) {
    return new Event(type, req, item, pos, T.plusSeconds(seconds), user, null, null);
  }

  @Test
  void impressionRowsCarryTheItemsEarlierEvidence(@TempDir Path dir) throws Exception {
    try (FileEventLog log = FileEventLog.open(dir)) {
      log.append(List.of(
          ev(EventType.IMPRESSION, "r1", "a", 1, 0, null), ev(EventType.IMPRESSION, "r1", "b", 2, 0, null), ev(EventType.CLICK, "r1", "a", 1, 5, null),
          ev(EventType.IMPRESSION, "r2", "a", 2, 3600, null), ev(EventType.IMPRESSION, "r2", "b", 1, 3600, null), ev(EventType.CLICK, "r2", "b", 1, 3610, null)));
    }
    FeatureTable t = EventLogExamples.clicks(dir);
    assertEquals(EventLogExamples.CLICK_FEATURES, t.names());
    // position, hour, the item's impressions and clicks before this impression
    assertArrayEquals(new float[] {1, 10, 0, 0}, t.features()[0]);
    assertArrayEquals(new float[] {2, 10, 0, 0}, t.features()[1]);
    assertArrayEquals(new float[] {2, 11, 1, 1}, t.features()[2]);
    assertArrayEquals(new float[] {1, 11, 1, 0}, t.features()[3]);
    assertArrayEquals(new boolean[] {true, false, false, true}, t.labels());
  }

  @Test
  void conversionRowsKeepOnlyMatureClicks(@TempDir Path dir) throws Exception {
    long day = 86_400;
    try (FileEventLog log = FileEventLog.open(dir)) {
      log.append(List.of(
          ev(EventType.CLICK, "r1", "a", 1, 0, "u1"), ev(EventType.PURCHASE, "r1", "a", 1, day, "u1"),
          ev(EventType.CLICK, "r2", "b", 3, 2 * day, "u2"),
          ev(EventType.CLICK, "r3", "a", 2, 9 * day, "u2"), ev(EventType.PURCHASE, "r3", "a", 2, 10 * day, "u2")));
    }
    EventLogExamples.Examples ex = EventLogExamples.read(dir, 7 * day);
    // the log ends at day 10: clicks of days 0 and 2 are mature, the one of day 9 is not
    assertEquals(3, ex.clicks());
    assertEquals(1, ex.immature());
    assertArrayEquals(new boolean[] {true, false}, ex.table().labels());
    // position, hour, item_prior_clicks, user_prior_clicks, from_query
    assertArrayEquals(new float[] {1, 10, 0, 0, 0}, ex.table().features()[0]);
    assertArrayEquals(new float[] {3, 10, 0, 0, 0}, ex.table().features()[1]);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventLogExamples.read(dir, 30 * day));
    assertEquals("--data", e.field());
  }
}
