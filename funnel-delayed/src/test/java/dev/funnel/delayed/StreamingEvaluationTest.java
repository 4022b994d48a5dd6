package dev.funnel.delayed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingEvaluationTest {
  @Test
  void smallStreamingRun() {
    ClickData d = SyntheticGenerator.generate(new SyntheticConfig(12, 400, 8, 3, 0.06, 0.35, 24, 0.8, 0.7, 1.0), 3);
    StreamingConfig cfg = new StreamingConfig(6 * 86_400L, 86_400L, 6 * 86_400L, 3 * 86_400L, 3 * 86_400L, 20, 3);
    List<String> log = new ArrayList<>();
    StreamingEvaluation.Result r = StreamingEvaluation.run(d, Weightings.parseList("engagement", new Weightings.Settings(86_400, 3_600)), cfg,
        ConversionTrainer.defaultParams(3).withRounds(20), new AuxiliaryLearner(10, 3), log::add);
    // windows start at day 6, 7, ... and must end by the last click (just before day 12) minus
    // the 3-day margin: days 6 and 7 only
    assertEquals(2, r.windows());
    assertEquals(2, log.size());
    assertTrue(r.oracleGainCi95()[0] <= r.oracleGain() && r.oracleGain() <= r.oracleGainCi95()[1]);
    assertEquals(List.of("vanilla", "oracle", "engagement"), List.copyOf(r.methods().keySet()));
    for (StreamingEvaluation.MethodResult m : r.methods().values()) {
      assertTrue(m.auc() > 0.5 && m.auc() < 1, "auc " + m.auc());
      assertTrue(m.aucCi95()[0] <= m.auc() && m.auc() <= m.aucCi95()[1]);
      assertTrue(m.nll() > 0);
    }
    double ri = r.methods().get("engagement").riAuc();
    StreamingEvaluation.MethodResult v = r.methods().get("vanilla");
    StreamingEvaluation.MethodResult o = r.methods().get("oracle");
    assertEquals((r.methods().get("engagement").auc() - v.auc()) / (o.auc() - v.auc()), ri, 1e-12);
    assertTrue(r.testClicks() > 600 && r.testConversions() > 20, r.testClicks() + " clicks, " + r.testConversions() + " conversions");
  }
}
