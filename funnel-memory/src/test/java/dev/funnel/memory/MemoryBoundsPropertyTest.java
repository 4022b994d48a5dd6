package dev.funnel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import dev.funnel.query.QueryNormalizer;
import dev.funnel.query.RequestLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The memory index's size bound on random event streams: the pairs with feedback never exceed
 * the bound, the counts agree with the pairs held, evictions are counted, the global counts keep
 * every event, and the pairs kept are those with the most decayed evidence.
 */
class MemoryBoundsPropertyTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  record Ev(int query, int item, EventType type, int minute) {}

  @Provide
  Arbitrary<List<Ev>> streams() {
    Arbitrary<Ev> ev = Combinators.combine(Arbitraries.integers().between(0, 60), Arbitraries.integers().between(0, 40),
        Arbitraries.of(EventType.values()), Arbitraries.integers().between(0, 60 * 24 * 60)).as(Ev::new);
    return ev.list().ofMinSize(1).ofMaxSize(600);
  }

  static Event event(Ev e) {
    return new Event(e.type(), "r", "i" + e.item(), 1, T0.plusSeconds(60L * e.minute()), null, null, "query " + e.query() + " words");
  }

  static long distinctPairs(List<Ev> events) {
    return events.stream().map(e -> e.query() + "/" + e.item()).distinct().count();
  }

  @Property(tries = 200)
  void pairsNeverExceedTheBound(@ForAll("streams") List<Ev> events, @ForAll @IntRange(min = 1, max = 50) int maxPairs) {
    Clock clock = Clock.fixed(T0.plusSeconds(60L * 60 * 24 * 60), ZoneOffset.UTC);
    MemoryIndex index = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, clock, maxPairs);
    for (Ev e : events) {
      index.accept(event(e));
      assertTrue(index.feedbackPairs() <= maxPairs, () -> index.feedbackPairs() + " pairs > bound " + maxPairs);
    }
    long distinct = distinctPairs(events);
    assertEquals(events.size(), index.acceptedEvents(), "every event is counted");
    if (distinct <= maxPairs) {
      assertEquals(distinct, index.feedbackPairs(), "nothing is evicted below the bound");
      assertEquals(0, index.evictedPairs());
    } else {
      assertTrue(index.evictedPairs() > 0);
      assertTrue(index.evictedPairs() >= distinct - maxPairs, "at least the excess was evicted");
    }
    assertTrue(index.feedbackKeys() <= index.feedbackPairs(), "every key with feedback holds a pair");
  }

  @Property(tries = 100)
  void theStrongestPairsAreKept(@ForAll @IntRange(min = 2, max = 30) int maxPairs, @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 5, max = 20) Integer> strong) {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    MemoryIndex index = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, clock, maxPairs);
    int strongPairs = Math.min(strong.size(), maxPairs - maxPairs / 10);
    for (int s = 0; s < strongPairs; s++) {
      for (int i = 0; i < strong.get(s); i++) {
        index.accept(new Event(EventType.CLICK, "r", "strong" + s, 1, T0, null, null, "strong query " + s));
      }
    }
    for (int w = 0; w < 3 * maxPairs; w++) {
      index.accept(new Event(EventType.IMPRESSION, "r", "weak" + w, 1, T0, null, null, "weak query " + w));
    }
    assertTrue(index.feedbackPairs() <= maxPairs);
    for (int s = 0; s < strongPairs; s++) {
      assertEquals((long) strong.get(s), index.stats("strong query " + s, "strong" + s).clicks(), "strong pair " + s + " was kept whole");
    }
  }

  @Test
  void olderEvidenceDecaysBeforeNewerOfTheSameCount() {
    Instant now = T0.plusSeconds(60L * 60 * 24 * 28); // two half-lives later
    MemoryIndex index = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, Clock.fixed(now, ZoneOffset.UTC), 10);
    for (int i = 0; i < 10; i++) {
      index.accept(new Event(EventType.CLICK, "r", "old" + i, 1, T0, null, null, "old query " + i));
    }
    index.accept(new Event(EventType.CLICK, "r", "new", 1, now, null, null, "new query"));
    assertEquals(9, index.feedbackPairs(), "one eviction round frees a tenth of the bound");
    assertEquals(2, index.evictedPairs());
    assertEquals(1, index.stats("new query", "new").clicks(), "the newest pair is kept");
    assertFalse(index.lookup("new query", 5, now).isEmpty());
  }

  @Test
  void aLargerSnapshotLoadsWithinTheBound(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    MemoryIndex big = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, clock, 1000);
    for (int i = 0; i < 100; i++) {
      big.accept(new Event(EventType.IMPRESSION, "r", "i" + i, 1, T0, null, null, "query " + i));
    }
    Path file = dir.resolve("memory.snap");
    big.snapshot(file);
    assertTrue(Files.size(file) > 0);
    MemoryIndex small = MemoryIndex.load(file, MemoryConfig.DEFAULT, RequestLog.NONE, clock, 20);
    assertTrue(small.feedbackPairs() <= 20);
    assertEquals(100, small.acceptedEvents(), "the event total is kept");
  }

  @Test
  void theBoundIsValidated() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, Clock.systemUTC(), 0));
    assertEquals("memory_max_pairs", e.field());
  }
}
