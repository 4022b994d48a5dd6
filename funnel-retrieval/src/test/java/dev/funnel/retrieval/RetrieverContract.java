package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Candidate;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Invariants every retrieval strategy must keep, checked on the shared test catalog. Each
 * strategy has a subclass that names it.
 */
abstract class RetrieverContract {
  abstract String strategy();

  Retriever retriever() {
    return TestCatalog.index().retriever(strategy());
  }

  /** Checks the invariants of one result list and returns it. */
  List<Candidate> check(Query q, int k) {
    List<Candidate> out = retriever().retrieve(q, k);
    assertTrue(out.size() <= k, "at most k results");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < out.size(); i++) {
      Candidate c = out.get(i);
      assertTrue(Double.isFinite(c.score()), "finite score");
      assertTrue(ids.add(c.itemId()), "no duplicate " + c.itemId());
      assertEquals(strategy(), c.provenance().get(0).strategy(), "first provenance names the strategy");
      assertEquals(i + 1, c.provenance().get(0).rank(), "ranks are 1..n");
      assertEquals(c.score(), c.provenance().get(0).rawScore(), 1e-9, "own raw score is the score");
      if (i > 0) {
        assertTrue(out.get(i - 1).score() >= c.score(), "sorted by score");
      }
      assertTrue(TestCatalog.index().item(c.itemId()).isPresent(), "returns catalog items");
    }
    return out;
  }

  @Test
  void findsTheObviousItem() {
    List<Candidate> out = check(Query.of("waterproof umbrella"), 5);
    assertFalse(out.isEmpty());
    Item top = TestCatalog.index().item(out.get(0).itemId()).orElseThrow();
    assertTrue(top.text().get("title").contains("umbrella"), "top result " + top);
  }

  @Test
  void randomQueriesKeepTheInvariants() {
    long seed = new SplittableRandom().nextLong();
    SplittableRandom rnd = new SplittableRandom(seed);
    try {
      for (int i = 0; i < 15; i++) {
        String q = TestCatalog.ADJ[rnd.nextInt(TestCatalog.ADJ.length)] + " " + TestCatalog.NOUNS[rnd.nextInt(TestCatalog.NOUNS.length)];
        int k = 1 + rnd.nextInt(30);
        check(Query.of(q), k);
      }
    } catch (AssertionError e) {
      throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
    }
  }

  @Test
  void filtersAreRespected() {
    Query q = new Query("soft lamp gift", Map.of("color", "blue"), null);
    List<Candidate> out = check(q, 20);
    assertFalse(out.isEmpty());
    for (Candidate c : out) {
      assertEquals(List.of("blue"), TestCatalog.index().item(c.itemId()).orElseThrow().keywords().get("color"));
    }
    Query two = new Query("gift", Map.of("color", "red", "category", "kitchen"), null);
    for (Candidate c : check(two, 60)) {
      Item it = TestCatalog.index().item(c.itemId()).orElseThrow();
      assertEquals(List.of("red"), it.keywords().get("color"));
      assertEquals(List.of("kitchen"), it.keywords().get("category"));
    }
    assertTrue(check(new Query("gift", Map.of("color", "purple"), null), 10).isEmpty());
  }

  @Test
  void unknownFilterFieldIsNamed() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> retriever().retrieve(new Query("mug", Map.of("colour", "red"), null), 5));
    assertEquals("filters.colour", e.field());
  }

  @Test
  void emptyAndStopwordQueriesAreHandled() {
    check(Query.of(""), 10);
    check(Query.of("   "), 10);
    check(Query.of("the of and"), 10);
    check(Query.of("?!; --"), 10);
  }

  @Test
  void kIsValidated() {
    assertThrows(InvalidInputException.class, () -> retriever().retrieve(Query.of("mug"), 0));
    assertEquals(1, check(Query.of("ceramic mug"), 1).size());
  }
}
