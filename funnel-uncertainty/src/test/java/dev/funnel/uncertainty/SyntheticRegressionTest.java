package dev.funnel.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The acceptance run of docs/uncertainty.md reproduced in-process:
 * {@code ./funnel eval thresholds --format synthetic --seed 1 --precision 0.8,0.9}. The expected
 * values are the documented results; a change to the generator, splits or methods that moves them
 * must update the documentation too.
 */
class SyntheticRegressionTest {
  @Test
  void generatorSeedOneMatchesTheDocumentedResults() throws Exception {
    PreparedData d = PreparedData.load("synthetic", null, SyntheticGenerator.defaults(), PreparedData.SYNTHETIC_SIZE, false,
        EnsembleConfig.defaults(), 1);
    Map<String, List<ThresholdTable>> tables = new LinkedHashMap<>();
    Map<String, Object> res = new ThresholdEvaluation(BinCountSelector.defaults(), 10).run(d.validation(), d.test(), List.of(0.8, 0.9), 1, tables);
    Map<?, ?> at9 = (Map<?, ?>) ((Map<?, ?>) res.get("targets")).get("0.9");
    double globalRecall = (double) ((Map<?, ?>) at9.get("global")).get("recall");
    double dpRecall = (double) ((Map<?, ?>) at9.get("dp")).get("recall");
    double dpPrecision = (double) ((Map<?, ?>) at9.get("dp")).get("precision");
    assertEquals(0.0919, globalRecall, 5e-5);
    assertEquals(0.2378, dpRecall, 5e-5);
    assertEquals(0.8871, dpPrecision, 5e-5);
    assertEquals(0.2376, (double) ((Map<?, ?>) at9.get("isotonic")).get("recall"), 5e-5);
    Map<?, ?> at8 = (Map<?, ?>) ((Map<?, ?>) res.get("targets")).get("0.8");
    assertEquals(0.4404, (double) ((Map<?, ?>) at8.get("global")).get("recall"), 5e-5);
    assertEquals(0.4842, (double) ((Map<?, ?>) at8.get("dp")).get("recall"), 5e-5);
    assertEquals(0.4918, (double) ((Map<?, ?>) at8.get("isotonic")).get("recall"), 5e-5);
    // The acceptance criteria themselves.
    assertTrue(dpRecall >= 1.2 * globalRecall);
    assertTrue(Math.abs(dpPrecision - 0.9) <= 0.02);
  }
}
