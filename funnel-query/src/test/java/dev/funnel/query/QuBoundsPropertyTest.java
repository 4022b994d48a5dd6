package dev.funnel.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Query understanding's bound on units with click statistics, on random click streams: the units
 * never exceed the bound, evictions are counted, and a unit clicked often and recently keeps its
 * statistics exactly (eviction removes units whole, it never changes the survivors).
 */
class QuBoundsPropertyTest {
  static final Instant T = Instant.parse("2026-11-01T00:00:00Z");
  static final List<String> WORDS = List.of("red", "blue", "green", "mug", "lamp", "chair", "wool", "box", "game", "book", "coffee", "tea",
      "music", "kitchen", "garden", "toy", "shoe", "hat", "sock", "pen");

  record Click(List<String> words, int item) {}

  @Provide
  Arbitrary<List<Click>> streams() {
    Arbitrary<Click> c = Combinators.combine(Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(4), Arbitraries.integers().between(1, 10))
        .as(Click::new);
    return c.list().ofMinSize(1).ofMaxSize(300);
  }

  static Event click(String query, int item) {
    return new Event(EventType.CLICK, "r", "i" + item, 1, T, null, null, query);
  }

  @Property(tries = 200)
  void unitsNeverExceedTheBound(@ForAll("streams") List<Click> clicks, @ForAll @IntRange(min = 1, max = 60) int maxUnits) {
    QueryUnderstanding qu = new QueryUnderstanding(QueryUnderstandingTest.tinyCatalog(), QuConfig.DEFAULT, RequestLog.NONE, maxUnits);
    QueryUnderstanding unbounded = new QueryUnderstanding(QueryUnderstandingTest.tinyCatalog(), QuConfig.DEFAULT, RequestLog.NONE);
    for (Click c : clicks) {
      Event e = click(String.join(" ", c.words()), c.item());
      qu.accept(e);
      unbounded.accept(e);
      assertTrue(qu.clickUnits() <= maxUnits, () -> qu.clickUnits() + " units > bound " + maxUnits);
    }
    int all = unbounded.clickUnits();
    if (all <= maxUnits) {
      assertEquals(all, qu.clickUnits(), "nothing is evicted below the bound");
      assertEquals(0, qu.evictedUnits());
    } else {
      assertTrue(qu.evictedUnits() >= all - maxUnits, "at least the excess was evicted");
    }
  }

  @Property(tries = 100)
  void aFrequentRecentUnitKeepsItsStatistics(@ForAll("streams") List<Click> noise, @ForAll @IntRange(min = 10, max = 40) int maxUnits) {
    QueryUnderstanding qu = new QueryUnderstanding(QueryUnderstandingTest.tinyCatalog(), QuConfig.DEFAULT, RequestLog.NONE, maxUnits);
    QueryUnderstanding unbounded = new QueryUnderstanding(QueryUnderstandingTest.tinyCatalog(), QuConfig.DEFAULT, RequestLog.NONE);
    for (Click c : noise) {
      for (QueryUnderstanding q : List.of(qu, unbounded)) {
        q.accept(click(String.join(" ", c.words()), c.item()));
        q.accept(click("starbucks", 1)); // clicked after every noise click: the heaviest, most recent unit
      }
    }
    assertEquals(unbounded.clickReadings("starbuck"), qu.clickReadings("starbuck"), "the frequent unit is kept whole");
  }

  @Test
  void aLargerSnapshotLoadsWithinTheBound(@TempDir Path dir) throws Exception {
    QueryUnderstanding qu = new QueryUnderstanding(QueryUnderstandingTest.tinyCatalog(), QuConfig.DEFAULT, RequestLog.NONE);
    for (int i = 0; i < WORDS.size(); i++) {
      qu.accept(click(WORDS.get(i) + " " + WORDS.get((i + 1) % WORDS.size()), 1 + i % 10));
    }
    Path file = dir.resolve("qu.snap");
    qu.snapshot(file);
    QueryUnderstanding small = QueryUnderstanding.load(file, QueryUnderstandingTest.tinyCatalog(), QuConfig.DEFAULT, RequestLog.NONE, 10);
    assertTrue(qu.clickUnits() > 10);
    assertTrue(small.clickUnits() <= 10);
  }

  @Test
  void theBoundIsValidated() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new QueryUnderstanding(QueryUnderstandingTest.tinyCatalog(), QuConfig.DEFAULT, RequestLog.NONE, 0));
    assertEquals("qu_max_units", e.field());
  }
}
