package dev.funnel.cli.delayed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.cli.FunnelCli;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.delayed.ConversionModel;
import dev.funnel.delayed.EventLogSource;
import dev.funnel.events.FileEventLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: events written to the product's event log, trained by the command, loaded and scored. */
class TrainConversionCommandTest {
  static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");

  /** 14 days of clicks; top positions convert more; buyers add to cart first; delays up to days. */
  static void writeEvents(Path dir, long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      Instant click = T0.plusSeconds(r.nextLong(14 * 86_400L));
      String user = "u" + r.nextInt(400);
      String item = "i" + r.nextInt(50);
      int pos = 1 + r.nextInt(10);
      String req = "q" + i;
      events.add(new Event(EventType.CLICK, req, item, pos, click, user, null, "shoes"));
      double p = 0.15 / pos;
      if (r.nextDouble() < p) {
        long delay = (long) (3600 * Math.exp(2 * r.nextGaussian()));
        delay = Math.min(delay, 2 * 86_400L);
        events.add(new Event(EventType.ADD_TO_CART, req, item, pos, click.plusSeconds(delay / 3), user, null, null));
        events.add(new Event(EventType.PURCHASE, req, item, pos, click.plusSeconds(delay + 1), user, null, null));
      } else if (r.nextDouble() < 0.05) {
        events.add(new Event(EventType.ADD_TO_CART, req, item, pos, click.plusSeconds(600), user, null, null));
      }
    }
    try (FileEventLog log = FileEventLog.open(dir)) {
      for (int i = 0; i < events.size(); i += 500) {
        log.append(events.subList(i, Math.min(events.size(), i + 500)));
      }
    }
  }

  @Test
  void trainsFromTheEventLogAndTheModelLoadsAndScores(@TempDir Path tmp) throws Exception {
    Path events = tmp.resolve("events");
    writeEvents(events, 1);
    Path model = tmp.resolve("conversion.json");
    StringWriter err = new StringWriter();
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("train", "conversion", "--events", events.toString(), "--method", "engagement", "--attribution-window", "3d",
        "--rounds", "30", "--out", model.toString());
    assertEquals(0, code, err.toString());
    try (ConversionModel m = ConversionModel.load(model)) {
      assertEquals(EventLogSource.SPEC, m.spec());
      assertEquals("engagement", m.provenance().parameters().get("method"));
      @SuppressWarnings("unchecked")
      Map<String, Object> counts = (Map<String, Object>) m.report().get("counts");
      // repeated clicks of a user on an item within the window are views of one journey
      int journeys;
      try (FileEventLog log = FileEventLog.open(events)) {
        journeys = EventLogSource.read(log, 3 * 86_400L).journeys().size();
      }
      assertTrue(journeys > 2800 && journeys <= 3000, "journeys " + journeys);
      assertEquals(journeys, ((Number) counts.get("clicks")).intValue());
      Event top = new Event(EventType.CLICK, "x", "i1", 1, T0.plusSeconds(20 * 86_400L), "new", null, "shoes");
      Event low = new Event(EventType.CLICK, "y", "i1", 10, T0.plusSeconds(20 * 86_400L), "new", null, "shoes");
      double pTop = m.predict(EventLogSource.features(top, 60, 0));
      double pLow = m.predict(EventLogSource.features(low, 60, 0));
      assertTrue(pTop > pLow, "position 1 converts more than position 10: " + pTop + " vs " + pLow);
    }
  }

  @Test
  void refusesTheOracleAndAMissingLog(@TempDir Path tmp) throws Exception {
    Path events = tmp.resolve("events");
    writeEvents(events, 2);
    StringWriter err = new StringWriter();
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err));
    assertEquals(2, cl.execute("train", "conversion", "--events", events.toString(), "--method", "oracle", "--out", tmp.resolve("m").toString()));
    assertTrue(err.toString().contains("method"), err.toString());
    assertEquals(2, cl.execute("train", "conversion", "--events", tmp.resolve("nope").toString(), "--out", tmp.resolve("m").toString()));
  }
}
