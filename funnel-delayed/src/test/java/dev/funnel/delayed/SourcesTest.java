package dev.funnel.delayed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {
  @Test
  void taobaoFirstViewIsTheClickAndALaterBuyItsConversion(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ub.csv");
    Files.writeString(f, String.join("\n",
        "1,10,100,pv,1000",
        "1,10,100,pv,1100",
        "1,10,100,cart,1200",
        "2,10,100,pv,1300",
        "1,10,100,buy,1400",
        "3,11,100,buy,1500",
        "2,11,100,fav,1600",
        "") + "\n");
    ClickData d = TaobaoReader.read(f, 3600);
    assertEquals(2, d.journeys().size(), "(1,10) and (2,10); the buy of (3,11) has no view and the fav of (2,11) no journey");
    Journey a = d.journeys().get(0);
    assertEquals(1000, a.clickTime());
    assertEquals(1400, a.conversionTime());
    assertEquals(2, a.engagementTimes().length, "a repeated view and a cart");
    Journey b = d.journeys().get(1);
    assertFalse(b.converted());
    assertEquals(2, b.features()[0], "two earlier views of item 10");
    assertEquals(2, b.features()[1], "two earlier views in category 100");
    assertEquals(0, b.features()[2], "no earlier views by user 2");
  }

  @Test
  void taobaoBadRowsNameTheField(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ub.csv");
    Files.writeString(f, "1,10,100,look,1000\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TaobaoReader.read(f, 3600));
    assertEquals("behavior", e.field());
    assertTrue(e.getMessage().contains("ub.csv:1"));
  }

  @Test
  void talkingDataSample() throws Exception {
    Optional<Path> f = SharedData.resolve("conversions/talkingdata_sample/train_sample.csv");
    assumeTrue(f.isPresent(), "shared data folder absent");
    ClickData d = TalkingDataReader.read(f.get(), 86_400);
    assertEquals(100_000, d.journeys().size());
    assertEquals(227, d.conversions(), "every install in the sample comes within a day of its click");
    for (Journey j : d.journeys()) {
      assertEquals(0, j.engagementTimes().length);
    }
  }

  @Test
  void eventLogUsesTheSameJourneyRules() throws Exception {
    Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
    List<Event> events = List.of(
        new Event(EventType.IMPRESSION, "r1", "i1", 1, t0, "u1", null, "shoes"),
        new Event(EventType.CLICK, "r1", "i1", 1, t0.plusSeconds(5), "u1", null, "shoes"),
        new Event(EventType.ADD_TO_CART, "r2", "i1", 1, t0.plusSeconds(60), "u1", null, null),
        new Event(EventType.PURCHASE, "r3", "i1", 1, t0.plusSeconds(7200), "u1", null, null),
        new Event(EventType.CLICK, "r4", "i1", 3, t0.plusSeconds(100), "u2", null, null));
    EventLog log = new EventLog() {
      @Override
      public void append(List<Event> e) {
        throw new UnsupportedOperationException("read-only");
      }

      @Override
      public void scan(Consumer<Event> sink) {
        events.forEach(sink);
      }

      @Override
      public long size() {
        return events.size();
      }

      @Override
      public void close() {}
    };
    ClickData d = EventLogSource.read(log, 7 * 86_400L);
    assertEquals(2, d.journeys().size());
    Journey u1 = d.journeys().get(0);
    assertEquals(t0.plusSeconds(7200).getEpochSecond(), u1.conversionTime());
    assertEquals(1, u1.engagementTimes().length);
    assertEquals(1f, u1.features()[0], "position");
    assertEquals(1f, u1.features()[4], "from a query");
    Journey u2 = d.journeys().get(1);
    assertFalse(u2.converted());
    assertEquals(1f, u2.features()[2], "one earlier click on the item");
    assertEquals(new ArrayList<>(EventLogSource.SPEC.names()), List.of("position", "hour", "item_prior_clicks", "user_prior_clicks", "from_query"));
  }
}
