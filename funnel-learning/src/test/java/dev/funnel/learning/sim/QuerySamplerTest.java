package dev.funnel.learning.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuerySamplerTest {
  @Test
  void probabilitiesFollowZipfByHand() {
    QuerySampler s = new QuerySampler(List.of("a", "b", "c"), 1.0, 3);
    double h = 1 + 0.5 + 1.0 / 3;
    assertEquals(1 / h, s.probability(1), 1e-12);
    assertEquals(0.5 / h, s.probability(2), 1e-12);
    assertEquals((1.0 / 3) / h, s.probability(3), 1e-12);
  }

  @Test
  void drawsMatchTheProbabilitiesAndRepeatBySeed() {
    long seed = 11;
    QuerySampler s = new QuerySampler(List.of("q1", "q2", "q3", "q4", "q5"), 1.0, seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<String, Integer> counts = new HashMap<>();
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      counts.merge(s.next(rnd), 1, Integer::sum);
    }
    for (int r = 1; r <= 5; r++) {
      double observed = counts.getOrDefault(s.query(r), 0) / (double) n;
      // binomial standard error at n = 50,000 is below 0.0023; 5 sigma
      assertEquals(s.probability(r), observed, 0.0115, "rank " + r + " seed " + seed);
    }
    QuerySampler again = new QuerySampler(List.of("q1", "q2", "q3", "q4", "q5"), 1.0, seed);
    SplittableRandom r1 = new SplittableRandom(5);
    SplittableRandom r2 = new SplittableRandom(5);
    for (int i = 0; i < 100; i++) {
      assertEquals(s.next(r1), again.next(r2));
    }
    assertTrue(counts.get(s.query(1)) > counts.get(s.query(5)));
  }
}
