package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SingleFeatureRankerTest extends RankerContractTest {
  @Override
  Ranker ranker() {
    return new SingleFeatureRanker(SCHEMA, "item.popularity");
  }

  @Test
  void scoresAreTheFeature() {
    assertArrayEquals(new double[] {7, 3}, ranker().score(List.of(new float[] {0, 0, 0, 0, 7}, new float[] {1, 1, 1, 1, 3})), 0);
  }
}
