package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import dev.funnel.ml.GbmParams;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaMartTrainerTest {
  private static LambdaMartTrainer.Config config(boolean correct) {
    return new LambdaMartTrainer.Config(GbmParams.lambdaRank(60, 7).withLeaves(7, 20), correct, LambdaMartTrainer.PropensityModel.PAIRS, 0.05, 10, 0.2);
  }

  /**
   * The logging policy ranks by x1, which has nothing to do with relevance; with strong position
   * bias, clicked items have high x1, so a model trained on raw clicks leans on x1. Inverse
   * propensity weighting removes that and ranks better by the true relevance.
   */
  @Test
  void positionBiasCorrectionBeatsNaiveTrainingOnTrueRelevance() {
    double[] theta = ClickSimulation.powerLawPropensities(10, 1.5);
    ClickSimulation sim = new ClickSimulation(11, 60, 10, 3000, theta, 0.3);
    TrainingSet set = sim.trainingSet();
    LambdaMartTrainer.Result naive = LambdaMartTrainer.train(set, config(false), "sim");
    LambdaMartTrainer.Result ipw = LambdaMartTrainer.train(set, config(true), "sim");
    try (LambdaMartRanker n = naive.ranker();
        LambdaMartRanker w = ipw.ranker()) {
      double ndcgNaive = sim.trueNdcg(n, 5);
      double ndcgIpw = sim.trueNdcg(w, 5);
      assertTrue(ndcgIpw > ndcgNaive + 0.02, "ipw " + ndcgIpw + " naive " + ndcgNaive);
      assertTrue(n.importance().get("x1") > w.importance().get("x1"), "naive relies more on the logging feature");
      assertNull(naive.propensities());
      assertNotNull(ipw.propensities());
      assertEquals(theta[4] / theta[0], ipw.propensities().at(5), 0.05);
      assertTrue(w.provenance().positionBias().startsWith("ipw-pairs"));
      assertEquals("none", n.provenance().positionBias());
      assertTrue(w.provenance().validation().get("ndcg@10") > 0);
      Double ips = w.provenance().validation().get("ips_dcg@10");
      assertTrue(ips > w.provenance().validation().get("ips_dcg@10_logged_order"), w.provenance().validation().toString());
      assertEquals(null, n.provenance().validation().get("ips_dcg@10"));
      assertEquals("2026-11-01T00:00:00Z", w.provenance().from());
      assertTrue(w.provenance().source().startsWith("sim ("));
    }
  }

  @Test
  void logsWithoutFeedbackCannotTrain() {
    TrainingLog log = new TrainingLog(ClickSimulation.SCHEMA, List.of(new TrainingRecord("r", "q", null, null, "i", 1, new float[] {1, 2})));
    TrainingSet set = new TrainingSetBuilder(LabelGrades.DEFAULT).build(log, List.of());
    assertThrows(InvalidInputException.class, () -> LambdaMartTrainer.train(set, config(true), "x"));
  }
}
