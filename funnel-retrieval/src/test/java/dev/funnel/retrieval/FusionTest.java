package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.core.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTest {
  private static List<Candidate> list(String strategy, Object... idScore) {
    List<Candidate> out = new java.util.ArrayList<>();
    for (int i = 0; i < idScore.length; i += 2) {
      out.add(Candidate.of((String) idScore[i], strategy, ((Number) idScore[i + 1]).doubleValue(), i / 2 + 1));
    }
    return out;
  }

  @Test
  void reciprocalRankByHand() {
    List<Candidate> a = list("bm25", "x", 9, "y", 5, "z", 1);
    List<Candidate> b = list("dense", "y", 0.9, "w", 0.8);
    List<Candidate> f = Fusion.reciprocalRank(List.of(a, b), 60, 10);
    // y: 1/62 + 1/61, x: 1/61, w: 1/62, z: 1/63
    assertEquals(List.of("y", "x", "w", "z"), f.stream().map(Candidate::itemId).toList());
    assertEquals(1.0 / 62 + 1.0 / 61, f.get(0).score(), 1e-12);
    assertEquals(1.0 / 63, f.get(3).score(), 1e-12);
    assertEquals(List.of("bm25", "dense"), f.get(0).provenance().stream().map(p -> p.strategy()).toList());
    assertEquals(2, f.get(0).provenance().get(0).rank());
    assertEquals(0.9, f.get(0).provenance().get(1).rawScore(), 1e-12);
    assertEquals(2, Fusion.reciprocalRank(List.of(a, b), 60, 2).size());
  }

  @Test
  void tiesGoToTheSmallerId() {
    List<Candidate> f = Fusion.reciprocalRank(List.of(list("bm25", "b", 1), list("dense", "a", 1)), 60, 10);
    assertEquals(List.of("a", "b"), f.stream().map(Candidate::itemId).toList());
  }

  @Test
  void minMaxByHand() {
    List<Candidate> a = list("bm25", "x", 10, "y", 6, "z", 2); // scaled 1, 0.5, 0
    List<Candidate> b = list("dense", "y", 0.8, "z", 0.4); // scaled 1, 0
    List<Candidate> f = Fusion.minMax(List.of(a, b), new double[] {0.4, 0.6}, 10);
    // y: 0.4*0.5 + 0.6*1 = 0.8; x: 0.4; z: 0
    assertEquals(List.of("y", "x", "z"), f.stream().map(Candidate::itemId).toList());
    assertEquals(0.8, f.get(0).score(), 1e-12);
    assertEquals(0.4, f.get(1).score(), 1e-12);
    assertEquals(0.0, f.get(2).score(), 1e-12);
    // A one-item list scales to 1.
    assertEquals(0.6, Fusion.minMax(List.of(List.of(), list("dense", "q", 0.3)), new double[] {0.4, 0.6}, 1).get(0).score(), 1e-12);
  }
}
