package dev.funnel.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  private static final double LOG2_3 = Math.log(3) / Math.log(2);

  @Test
  void ndcgWithGradedRelevanceMatchesHandComputation() {
    // ranked: a (grade 1), b (0), c (2); ideal: c, a
    Map<String, Integer> grades = Map.of("a", 1, "c", 2, "z", 0);
    double dcg = 1.0 / 1 + 2.0 / 2; // log2(2)=1 at rank 1, log2(4)=2 at rank 3
    double idcg = 2.0 / 1 + 1.0 / LOG2_3;
    assertEquals(dcg / idcg, RankingMetrics.ndcg(List.of("a", "b", "c"), grades, 10), 1e-12);
  }

  @Test
  void ndcgCutsAtK() {
    Map<String, Integer> grades = Map.of("c", 1);
    assertEquals(0.0, RankingMetrics.ndcg(List.of("a", "b", "c"), grades, 2), 0);
    assertEquals(1.0 / 2, RankingMetrics.ndcg(List.of("a", "b", "c"), grades, 3), 1e-12);
  }

  @Test
  void queriesWithoutRelevantDocumentsScoreZero() {
    Map<String, Integer> none = Map.of("a", 0);
    assertEquals(0, RankingMetrics.ndcg(List.of("a"), none, 10));
    assertEquals(0, RankingMetrics.recall(List.of("a"), none, 10));
    assertEquals(0, RankingMetrics.mrr(List.of("a"), none, 10));
  }

  @Test
  void recallAndMrr() {
    Map<String, Integer> grades = Map.of("b", 1, "d", 1, "e", 1, "f", 1);
    List<String> ranked = List.of("a", "b", "c", "d");
    assertEquals(0.5, RankingMetrics.recall(ranked, grades, 100), 1e-12);
    assertEquals(0.25, RankingMetrics.recall(ranked, grades, 2), 1e-12);
    assertEquals(0.5, RankingMetrics.mrr(ranked, grades, 10), 1e-12);
    assertEquals(0, RankingMetrics.mrr(ranked, grades, 1), 1e-12);
    assertEquals(1, RankingMetrics.hit(ranked, grades, 2), 0);
  }
}
