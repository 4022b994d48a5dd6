package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.util.SharedData;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LtrEvaluationTest {
  @Test
  @SuppressWarnings("unchecked")
  void funnelMatchesLightGbmOnItsOwnExample() throws Exception {
    // 10 rounds instead of the example's 100 keep the test fast; the CLI runs the full example.
    var train = SharedData.resolve("ltr/lightgbm_example/rank.train");
    Assumptions.assumeTrue(train.isPresent(), "shared data not available");
    Path test = SharedData.resolve("ltr/lightgbm_example/rank.test").orElseThrow();
    Map<String, Object> out = LtrEvaluation.run(train.get(), test, 1, 10);
    Map<String, Object> rankers = (Map<String, Object>) out.get("rankers");
    Map<String, Object> funnel = (Map<String, Object>) rankers.get("funnel_lambdamart");
    Map<String, Object> lib = (Map<String, Object>) rankers.get("lightgbm_own_run");
    Map<String, Object> random = (Map<String, Object>) rankers.get("random");
    Map<String, Double> reported = (Map<String, Double>) lib.get("lightgbm_reported_on_test");
    for (int k : LtrEvaluation.cutoffs()) {
      // our LightGBM-style metric reproduces LightGBM's own ndcg@k of the same predictions
      assertEquals(reported.get("ndcg@" + k), (Double) lib.get("ndcg_exp@" + k), 1e-9, "k=" + k);
    }
    double f = (Double) funnel.get("ndcg_exp@10");
    double l = (Double) lib.get("ndcg_exp@10");
    assertTrue(Math.abs(f - l) < 0.05, "funnel " + f + " vs lightgbm " + l);
    assertTrue(f > (Double) random.get("ndcg_exp@10") + 0.1);
  }
}
