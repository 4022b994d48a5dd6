package dev.funnel.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimelineSamplerTest {
  private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-01T10:00:00Z").toEpochMilli());
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now.get());
    }
  };

  private TimelineSampler sampler(int capacity) {
    return new TimelineSampler(Duration.ofSeconds(5), capacity, clock,
        () -> new TimelinePoint.Gauges(7, 2, 1, 40, Map.of("bm25", 0.25, "memory", 0.75)));
  }

  private static Event event(EventType type, String request) {
    return new Event(type, request, "i1", 1, Instant.parse("2026-12-01T10:00:00Z"), null, null, null);
  }

  @Test
  void ratesAndPercentilesCoverTheTrailingMinute() {
    TimelineSampler s = sampler(720);
    TimelinePoint empty = s.tick();
    assertEquals(0, empty.searches());
    assertNull(empty.ctr(), "no search: CTR undefined");
    assertNull(empty.latencyP50Ms());
    for (int i = 0; i < 10; i++) {
      s.searched(i < 6 ? "bm25:10" : "memory:10", 20);
      s.latency(i + 1);
    }
    s.searched(null, 100); // a fixed action: counted as a search, not as a bandit decision
    s.stored(List.of(event(EventType.CLICK, "r1"), event(EventType.CLICK, "r1"), event(EventType.CLICK, "r2"), event(EventType.PURCHASE, "r2"),
        event(EventType.ADD_TO_CART, "r2"), event(EventType.IMPRESSION, "r3")));
    now.addAndGet(5000);
    TimelinePoint p = s.tick();
    assertEquals(11, p.searches());
    assertEquals(3, p.clicks());
    assertEquals(1, p.carts());
    assertEquals(1, p.purchases());
    assertEquals(2 / 11.0, p.ctr(), 1e-12, "two requests were clicked (one twice) out of 11 searches");
    assertEquals(1 / 11.0, p.conversionRate(), 1e-12);
    assertEquals(300 / 11.0, p.candidatesPerSearch(), 1e-12);
    assertEquals(Map.of("bm25:10", 6L, "memory:10", 4L), p.actions());
    // 11 searches over the two 5-second periods seen so far (10 s): 66 per minute
    assertEquals(66, p.searchesPerMinute(), 1e-9);
    assertEquals(5, p.latencyP50Ms(), 5 * 0.05, "median of 1..10 ms within 5%");
    assertEquals(10, p.latencyP99Ms(), 10 * 0.05);
    assertEquals(2, p.gauges().rankerVersion());
    // a second click on r1 later is not a new click-through
    s.stored(List.of(event(EventType.CLICK, "r1")));
    now.addAndGet(5000);
    TimelinePoint q = s.tick();
    assertEquals(0, q.searches());
    assertEquals(2 / 11.0, q.ctr(), 1e-12, "still in the trailing minute");
    for (int i = 0; i < 12; i++) {
      now.addAndGet(5000);
      s.tick();
    }
    TimelinePoint later = s.tick();
    assertNull(later.ctr(), "a minute later the searches left the trailing window");
    assertEquals(0, later.searchesPerMinute());
  }

  @Test
  void keepsAtMostCapacityPointsAndFiltersByWindow() {
    TimelineSampler s = sampler(3);
    for (int i = 0; i < 5; i++) {
      now.addAndGet(5000);
      s.tick();
    }
    List<TimelinePoint> all = s.points(Duration.ofHours(1));
    assertEquals(3, all.size());
    assertTrue(all.get(0).time() < all.get(2).time());
    assertEquals(1, s.points(Duration.ofSeconds(4)).size());
  }

  @Test
  void columnsAlignEverySeriesWithTime() {
    TimelineSampler s = sampler(720);
    for (int i = 0; i < 8; i++) {
      s.searched("a" + i, 1);
    }
    s.tick();
    Map<String, Object> c = new TimelineApi(s).columns(s.points(Duration.ofHours(1)), 60);
    assertEquals(1, c.get("points"));
    @SuppressWarnings("unchecked")
    Map<String, Object> actions = (Map<String, Object>) c.get("actions");
    List<?> names = (List<?>) actions.get("names");
    assertEquals(TimelineApi.TOP_ACTIONS + 1, names.size(), "six most frequent and other: " + names);
    assertEquals("other", names.get(names.size() - 1));
    List<?> share = (List<?>) actions.get("share");
    double sum = 0;
    for (Object col : share) {
      sum += (Double) ((List<?>) col).get(0);
    }
    assertEquals(1, sum, 1e-12);
  }

  @Test
  void badSettingsAreRefusedNamingThem() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new TimelineSampler(Duration.ofMillis(10), 5, clock, () -> null));
    assertEquals("period", e.field());
    assertThrows(IllegalArgumentException.class, () -> new LatencyHistogram().add(Double.NaN));
  }
}
