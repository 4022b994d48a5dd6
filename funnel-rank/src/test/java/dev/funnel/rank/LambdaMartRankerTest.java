package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.ml.GbmParams;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LambdaMartRankerTest extends RankerContractTest {
  private static LambdaMartRanker model;

  /** Relevance = popularity above 50 and found by bm25: the model must learn both. */
  @BeforeAll
  static void train() {
    List<float[]> x = rows(42, 2000);
    float[] y = new float[x.size()];
    for (int i = 0; i < y.length; i++) {
      float[] r = x.get(i);
      y[i] = (r[4] > 50 ? 1 : 0) + (r[1] > 0 ? 1 : 0);
    }
    int[] groups = new int[100];
    java.util.Arrays.fill(groups, 20);
    model = LambdaMartTrainer.fit(SCHEMA, x.toArray(new float[0][]), y, groups, GbmParams.lambdaRank(30, 1).withLeaves(7, 10), "synthetic");
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Override
  Ranker ranker() {
    return model;
  }

  @Test
  void learnsTheRelevantFeaturesAndExplainsWithThem() {
    var imp = model.importance();
    assertTrue(imp.get("item.popularity") > imp.get("dense.score"), imp.toString());
    float[] good = {5, 0.5f, 0, 0, 90};
    float[] bad = {0, 0, 0.5f, 0.5f, 10};
    double[] s = model.score(List.of(good, bad));
    assertTrue(s[0] > s[1]);
    Explanation e = model.explain(List.of(good)).get(0);
    assertTrue(List.of("item.popularity", "bm25.rr", "bm25.score").contains(e.top(1).get(0).feature()), e.top(3).toString());
    assertEquals("synthetic", model.provenance().source());
    assertEquals(2000, model.provenance().rows());
    assertEquals(100, model.provenance().groups());
    assertTrue(model.provenance().library().startsWith("lightgbm4j"));
  }
}
