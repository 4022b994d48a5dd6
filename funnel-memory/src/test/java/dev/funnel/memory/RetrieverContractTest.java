package dev.funnel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Candidate;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Invariants every retriever of this module keeps, on random queries (seed printed on failure):
 * at most k results, unique items, finite non-increasing scores, provenance naming the strategy
 * with ranks 1..n.
 */
abstract class RetrieverContractTest {
  abstract Retriever retriever();

  static final String[] WORDS = {"starbucks", "home", "depot", "card", "gift", "coffee", "drill", "reserve", "50", "the", "espresso", "x"};

  @Test
  void contractHoldsOnRandomQueries() {
    long seed = 99L;
    SplittableRandom r = new SplittableRandom(seed);
    Retriever retriever = retriever();
    for (int n = 0; n < 300; n++) {
      StringBuilder q = new StringBuilder();
      int len = r.nextInt(4);
      for (int i = 0; i < len; i++) {
        q.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
      }
      int k = r.nextInt(6);
      List<Candidate> c = retriever.retrieve(Query.of(q.toString()), k);
      String where = "seed " + seed + " query [" + q + "] k " + k;
      assertTrue(c.size() <= k, where);
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < c.size(); i++) {
        assertTrue(ids.add(c.get(i).itemId()), where);
        assertTrue(Double.isFinite(c.get(i).score()), where);
        assertEquals(retriever.name(), c.get(i).provenance().get(0).strategy(), where);
        assertEquals(i + 1, c.get(i).provenance().get(0).rank(), where);
        if (i > 0) {
          assertTrue(c.get(i).score() <= c.get(i - 1).score(), where);
        }
      }
    }
  }
}
