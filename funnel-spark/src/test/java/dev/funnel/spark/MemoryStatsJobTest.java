package dev.funnel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.events.FileEventLog;
import dev.funnel.memory.MemoryConfig;
import dev.funnel.memory.MemoryIndex;
import dev.funnel.memory.QueryItemStats;
import dev.funnel.query.QueryNormalizer;
import dev.funnel.query.RequestLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory-index statistics on Spark (local[2]) against {@code MemoryIndex.rebuild} over the same event log, through the snapshot serve loads. */
class MemoryStatsJobTest {
  @TempDir Path dir;

  @Test
  void countsAndDecayedCountsEqualTheRebuiltIndex() throws Exception {
    SplittableRandom r = new SplittableRandom(8);
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    EventType[] types = EventType.values();
    String[] queries = {"Red Shoes", "red shoe", "blue jacket", "the blue jackets", "socks"};
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      // Out-of-order times (up to a day back), events without a query, every event type.
      Instant t = t0.plus(Duration.ofMinutes(i * 10L - r.nextInt(1440)));
      String q = i % 23 == 0 ? null : queries[r.nextInt(queries.length)];
      events.add(new Event(types[r.nextInt(types.length)], "r" + i, "i" + r.nextInt(30), 1 + r.nextInt(10), t, null, null, q));
    }
    Path log = dir.resolve("events");
    try (FileEventLog el = FileEventLog.open(log)) {
      for (int i = 0; i < events.size(); i += 500) {
        el.append(events.subList(i, i + 500));
      }
    }
    MemoryConfig config = MemoryConfig.DEFAULT.withHalfLife(Duration.ofDays(3));
    MemoryIndex embedded;
    try (FileEventLog el = FileEventLog.open(log)) {
      embedded = MemoryIndex.rebuild(el, config, QueryNormalizer.DEFAULT, RequestLog.NONE, Clock.systemUTC());
    }
    MemoryIndex built = MemoryStatsJob.build(SparkRuntime.context(TestSpark.session()), log.toString(), config, QueryNormalizer.DEFAULT);
    Path snap = dir.resolve("memory.snap");
    built.snapshot(snap);
    MemoryIndex onSpark = MemoryIndex.load(snap, config, RequestLog.NONE, Clock.systemUTC());
    assertEquals(embedded.acceptedEvents(), onSpark.acceptedEvents());
    assertEquals(embedded.unattributedEvents(), onSpark.unattributedEvents());
    assertEquals(embedded.feedbackKeys(), onSpark.feedbackKeys());
    Instant now = t0.plus(Duration.ofDays(30));
    assertEquals(embedded.priorUtility(now), onSpark.priorUtility(now), 1e-12);
    for (String q : queries) {
      for (int i = 0; i < 31; i++) {
        QueryItemStats a = embedded.stats(q, "i" + i, now);
        QueryItemStats b = onSpark.stats(q, "i" + i, now);
        String where = q + "/i" + i;
        assertEquals(a.impressions(), b.impressions(), where);
        assertEquals(a.clicks(), b.clicks(), where);
        assertEquals(a.carts(), b.carts(), where);
        assertEquals(a.purchases(), b.purchases(), where);
        assertEquals(a.decayedImpressions(), b.decayedImpressions(), 1e-9, where);
        assertEquals(a.decayedClicks(), b.decayedClicks(), 1e-9, where);
        assertEquals(a.decayedCarts(), b.decayedCarts(), 1e-9, where);
        assertEquals(a.decayedPurchases(), b.decayedPurchases(), 1e-9, where);
        assertEquals(a.utility(), b.utility(), 1e-9, where);
      }
    }
  }
}
