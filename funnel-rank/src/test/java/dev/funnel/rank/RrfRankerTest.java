package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RrfRankerTest extends RankerContractTest {
  @Override
  Ranker ranker() {
    return new ReciprocalRankFusionRanker(SCHEMA, ReciprocalRankFusionRanker.DEFAULT_K);
  }

  @Test
  void handComputedFusion() {
    // bm25 rank 2, dense rank 4: 1/62 + 1/64; only dense rank 1: 1/61
    double[] s = ranker().score(List.of(new float[] {5, 0.5f, 0.2f, 0.25f, 7}, new float[] {0, 0, 0.9f, 1, 7}));
    assertEquals(1.0 / 62 + 1.0 / 64, s[0], 1e-9);
    assertEquals(1.0 / 61, s[1], 1e-9);
  }
}
