package dev.funnel.memory;

import dev.funnel.query.QueryNormalizer;
import dev.funnel.query.RequestLog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Candidate;
import dev.funnel.core.Context;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Provenance;
import dev.funnel.core.Query;
import dev.funnel.events.FileEventLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryIndexTest {
  static final Instant T = Instant.parse("2026-11-01T00:00:00Z");
  static final Clock AT_T = Clock.fixed(T, ZoneOffset.UTC);
  static int requestCounter;

  static Event ev(EventType type, String query, String item, Instant at) {
    return new Event(type, "r" + (requestCounter++), item, 1, at, null, null, query);
  }

  static void add(MemoryIndex index, String query, String item, int impressions, int clicks, int carts, int purchases, Instant at) {
    for (int i = 0; i < impressions; i++) index.accept(ev(EventType.IMPRESSION, query, item, at));
    for (int i = 0; i < clicks; i++) index.accept(ev(EventType.CLICK, query, item, at));
    for (int i = 0; i < carts; i++) index.accept(ev(EventType.ADD_TO_CART, query, item, at));
    for (int i = 0; i < purchases; i++) index.accept(ev(EventType.PURCHASE, query, item, at));
  }

  @Test
  void decayHalvesPerHalfLifeAndIgnoresArrivalOrder() {
    long day = Duration.ofDays(1).toMillis();
    assertEquals(0.5, FeedbackCounts.decayFactor(day, day), 1e-15);
    assertEquals(0.25, FeedbackCounts.decayFactor(2 * day, day), 1e-15);
    assertEquals(1.0, FeedbackCounts.decayFactor(-day, day), 0.0);
    long t0 = T.toEpochMilli();
    FeedbackCounts inOrder = FeedbackCounts.ZERO.plus(EventType.CLICK, t0, day).plus(EventType.CLICK, t0 + day, day);
    assertEquals(1.5, inOrder.decayedClicks(), 1e-12); // 1 * 0.5 + 1
    assertEquals(2, inOrder.clicks());
    assertEquals(0.75, inOrder.decayedTo(t0 + 2 * day, day).decayedClicks(), 1e-12);
    FeedbackCounts reversed = FeedbackCounts.ZERO.plus(EventType.CLICK, t0 + day, day).plus(EventType.CLICK, t0, day);
    assertEquals(inOrder, reversed);
    // reading in the past never grows a count
    assertEquals(1.5, inOrder.decayedTo(t0, day).decayedClicks(), 1e-12);
  }

  @Test
  void smoothedRatesAndUtilityMatchHandComputedValues() {
    MemoryIndex index = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, AT_T);
    add(index, "Gift Cards", "a", 20, 4, 1, 0, T);
    // global: n = 20 + 10 = 30; ctr_g = (4 + 10 * 0.1) / 30 = 1/6; cart_g = (1 + 0.2) / 30 = 0.04;
    // purchase_g = (0 + 0.1) / 30 = 1/300
    QueryItemStats s = index.stats("gift card", "a");
    assertEquals("gift card", s.queryKey());
    assertEquals(20, s.impressions());
    assertEquals(4, s.clicks());
    assertEquals(20.0, s.decayedImpressions(), 1e-12);
    assertEquals((4 + 10.0 / 6) / 30, s.ctr(), 1e-12); // 0.188888...
    assertEquals((1 + 0.4) / 30, s.cartRate(), 1e-12);
    assertEquals((10.0 / 300) / 30, s.purchaseRate(), 1e-12);
    assertEquals(0.34, s.utility(), 1e-12); // 0.188889 + 3 * 0.046667 + 10 * 0.001111
    QueryItemStats unknown = index.stats("gift card", "zzz");
    assertEquals(0, unknown.impressions());
    assertEquals(1.0 / 6, unknown.ctr(), 1e-12);
    // one half-life later every decayed count halves: n = 10 + 10; ctr_g = (2 + 1) / 20
    QueryItemStats later = index.stats("gift card", "a", T.plus(Duration.ofDays(14)));
    assertEquals(10.0, later.decayedImpressions(), 1e-12);
    assertEquals((2 + 10 * 0.15) / 20, later.ctr(), 1e-12);
  }

  @Test
  void clicksWithoutImpressionsNeverGiveRatesAboveOne() {
    MemoryIndex index = new MemoryIndex(MemoryConfig.DEFAULT.withPriorStrength(0.001), QueryNormalizer.DEFAULT, RequestLog.NONE, AT_T);
    add(index, "q", "a", 0, 5, 0, 0, T);
    assertTrue(index.stats("q", "a").ctr() <= 1.0);
  }

  @Test
  void joinsQueriesThroughTheRequestLogAndCountsUnknownRequests() {
    InMemoryRequestLog log = new InMemoryRequestLog(100);
    log.record("req-1", "Starbucks card");
    MemoryIndex index = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, log, AT_T);
    index.accept(new Event(EventType.CLICK, "req-1", "s1", 1, T, null, null, null));
    index.accept(new Event(EventType.CLICK, "req-unknown", "s1", 1, T, null, null, null));
    assertEquals(1, index.stats("starbucks cards", "s1").clicks());
    assertEquals(1, index.unattributedEvents());
    assertEquals(1, index.acceptedEvents());
  }

  @Test
  void nearQueriesAreFoundWithDiscountedScoresButGenericOverlapIsNot() {
    MemoryIndex index = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, AT_T);
    add(index, "starbucks gift card", "s1", 10, 5, 0, 0, T);
    add(index, "amazon gift card", "a1", 10, 5, 0, 0, T);
    add(index, "target gift card", "t1", 10, 5, 0, 0, T);
    add(index, "gift card", "g1", 10, 5, 0, 0, T);
    List<MemoryHit> exact = index.lookup("Starbucks Gift Cards", 10, T);
    assertEquals("s1", exact.get(0).itemId());
    assertEquals(1.0, exact.get(0).similarity());
    assertEquals(MemoryHit.Source.FEEDBACK, exact.get(0).source());

    List<MemoryHit> near = index.lookup("starbucks card", 10, T);
    assertEquals("s1", near.get(0).itemId());
    assertTrue(near.get(0).similarity() < 1.0 && near.get(0).similarity() >= 0.5, near.toString());
    assertEquals(near.get(0).similarity() * near.get(0).pairScore(), near.get(0).score(), 1e-12);

    List<MemoryHit> prefix = index.lookup("starb", 10, T);
    assertEquals(List.of("s1"), prefix.stream().map(MemoryHit::itemId).toList());

    // "walmart" is unknown: w = ln 6 weighs more than the shared gift + card (ln 2 each), so only
    // the generic "gift card" key is near enough (sim 0.607), not "starbucks gift card" (0.477).
    List<MemoryHit> walmart = index.lookup("walmart gift card", 10, T);
    assertEquals(List.of("g1"), walmart.stream().map(MemoryHit::itemId).toList());
    assertTrue(index.lookup("unrelated words", 10, T).isEmpty());
  }

  @Test
  void predictionsScoreThePriorAndFadeAsImpressionsArrive() {
    MemoryIndex index = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, AT_T);
    index.addPredictions(List.of(new PredictedQuery("starbucks card", "x", 1.0, "title"),
        new PredictedQuery("starbucks card", "y", 0.6, "title")));
    // empty index: u_g = 0.1 + 3 * 0.02 + 10 * 0.01 = 0.26, lambda = 1
    List<MemoryHit> cold = index.lookup("starbucks cards", 10, T);
    assertEquals(List.of("x", "y"), cold.stream().map(MemoryHit::itemId).toList());
    assertEquals(0.26, cold.get(0).score(), 1e-12);
    assertEquals(0.156, cold.get(1).score(), 1e-12);
    assertEquals(MemoryHit.Source.PREDICTED, cold.get(0).source());
    // x gets 20 impressions and no click under another query: I_pair = 0, I_item = 20,
    // lambda = 20 / (20 + 0 + 0.1 * 20) = 10/11; u_g = (1 + 3 * 0.2 + 10 * 0.1) / 30 = 2.6 / 30
    add(index, "coffee", "x", 20, 0, 0, 0, T);
    assertEquals(10.0 / 11, index.predictionWeight("starbuck card", "x", T), 1e-12);
    MemoryHit x = index.lookup("starbucks card", 10, T).get(0);
    assertEquals("x", x.itemId());
    assertEquals(2.6 / 30 * 10 / 11, x.score(), 1e-12);
    // 20 unclicked impressions under the predicted key itself: I_pair = 20, I_item = 40,
    // lambda = 20 / (20 + 20 + 4) = 5/11; u_g = 2.6 / 50; prediction 0.052 * 5/11 = 0.02364 beats
    // the pair's feedback utility (0.2 + 3 * 0.04 + 10 * 0.02) / 30 = 0.01733; y (0.6 * 0.052) leads
    add(index, "starbucks card", "x", 20, 0, 0, 0, T);
    assertEquals(5.0 / 11, index.predictionWeight("starbuck card", "x", T), 1e-12);
    List<MemoryHit> warm = index.lookup("starbucks card", 10, T);
    assertEquals(List.of("y", "x"), warm.stream().map(MemoryHit::itemId).toList());
    assertEquals(0.6 * 0.052, warm.get(0).score(), 1e-12);
    assertEquals(0.052 * 5 / 11, warm.get(1).score(), 1e-12);
    assertEquals(MemoryHit.Source.PREDICTED, warm.get(1).source());
    assertEquals(0.52 / 30, index.stats("starbucks card", "x", T).utility(), 1e-12);
    // real clicks for y under the predicted key replace its prediction by feedback
    add(index, "starbucks card", "y", 10, 6, 0, 0, T);
    MemoryHit y = index.lookup("starbucks card", 10, T).get(0);
    assertEquals("y", y.itemId());
    assertEquals(MemoryHit.Source.FEEDBACK, y.source());
  }

  @Test
  void retrieverReturnsProvenanceAndUsesTheContextTime() {
    MemoryIndex index = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, AT_T);
    add(index, "gift card", "a", 10, 5, 0, 0, T);
    add(index, "gift card", "b", 10, 1, 0, 0, T);
    MemoryRetriever r = new MemoryRetriever(index, AT_T);
    assertEquals("memory", r.name());
    List<Candidate> c = r.retrieve(Query.of("gift cards"), 5);
    assertEquals(List.of("a", "b"), c.stream().map(Candidate::itemId).toList());
    assertEquals(new Provenance("memory", c.get(1).score(), 2), c.get(1).provenance().get(0));
    Query later = new Query("gift cards", Map.of(), new Context(null, null, null, T.plus(Duration.ofDays(28)), Map.of()));
    assertTrue(r.retrieve(later, 5).get(0).score() < c.get(0).score() + 1e-12);
    assertTrue(r.retrieve(Query.of("  "), 5).isEmpty());
  }

  @Test
  void rebuildFromEventLogEqualsOnlineIndex(@TempDir Path dir) throws Exception {
    MemoryIndex online = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, AT_T);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      EventType type = EventType.values()[i % 4];
      events.add(ev(type, "query " + (i % 7), "item" + (i % 5), T.minus(Duration.ofHours(i))));
    }
    events.forEach(online::accept);
    try (FileEventLog log = FileEventLog.open(dir)) {
      log.append(events);
      MemoryIndex rebuilt = MemoryIndex.rebuild(log, MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, AT_T);
      for (int q = 0; q < 7; q++) {
        for (int i = 0; i < 5; i++) {
          assertEquals(online.stats("query " + q, "item" + i), rebuilt.stats("query " + q, "item" + i));
        }
      }
    }
  }

  @Test
  void configRejectsBadValuesNamingTheField() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> MemoryConfig.DEFAULT.withPriorStrength(-1));
    assertEquals("priorStrength", e.field());
    assertThrows(InvalidInputException.class, () -> MemoryConfig.DEFAULT.withHalfLife(Duration.ZERO));
    assertFalse(MemoryConfig.DEFAULT.halfLife().isZero());
  }
}
