package dev.funnel.uncertainty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticGeneratorTest {
  @Test
  void seededAndFollowsTheModel() {
    SyntheticGenerator g = SyntheticGenerator.defaults();
    ScoredSet a = g.generate(2000, 4);
    assertArrayEquals(a.scores(), g.generate(2000, 4).scores());
    SplittableRandom rnd = new SplittableRandom(5);
    double rate = 0;
    int n = 40000;
    for (int i = 0; i < n; i++) {
      SyntheticGenerator.Example e = g.example(rnd);
      assertTrue(e.evidence() >= 1 && e.evidence() <= 1000);
      assertEquals(1 / Math.sqrt(e.evidence()), e.uncertainty(), 1e-12);
      rate += e.label() ? 1 : 0;
    }
    // Labels follow p ~ Beta(1, 1) without sampling: positive rate 1/2.
    assertEquals(0.5, rate / n, 0.01);
    assertThrows(InvalidInputException.class, () -> new SyntheticGenerator(1, 1, 10, 5, 0.25));
  }

  @Test
  void atTheSameScoreUncertainExamplesArePositiveLessOften() {
    ScoredSet s = SyntheticGenerator.defaults().generate(60000, 6);
    // Scores in [0.8, 0.9): compare the positive rate of the most and least uncertain thirds.
    List<double[]> band = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      if (s.scores()[i] >= 0.8 && s.scores()[i] < 0.9) {
        band.add(new double[] {s.uncertainties()[i], s.labels()[i] ? 1 : 0});
      }
    }
    band.sort((x, y) -> Double.compare(x[0], y[0]));
    int third = band.size() / 3;
    double certain = band.subList(0, third).stream().mapToDouble(x -> x[1]).average().orElseThrow();
    double uncertain = band.subList(band.size() - third, band.size()).stream().mapToDouble(x -> x[1]).average().orElseThrow();
    assertTrue(certain > uncertain + 0.05, "certain " + certain + " uncertain " + uncertain);
  }

  @Test
  void perUncertaintyThresholdsBeatTheGlobalOneOnHeldOutData() {
    ScoredSet all = SyntheticGenerator.defaults().generate(40000, 1);
    ScoredSet[] parts = all.split(0.5, 2);
    ThresholdEvaluation eval = new ThresholdEvaluation(BinCountSelector.defaults(), 50);
    java.util.Map<String, ThresholdTable> tables = eval.fit(parts[0], 0.9, 3, new java.util.LinkedHashMap<>());
    Confusion global = Confusion.of(tables.get("global"), parts[1]);
    Confusion dp = Confusion.of(tables.get("dp"), parts[1]);
    Confusion iso = Confusion.of(tables.get("isotonic"), parts[1]);
    assertTrue(dp.recall() > 1.2 * global.recall(), "dp " + dp.recall() + " global " + global.recall());
    assertTrue(iso.recall() > 1.2 * global.recall(), "isotonic " + iso.recall() + " global " + global.recall());
    assertEquals(0.9, dp.precision(), 0.03);
    // On validation the DP is optimal over per-bin cuts, so it never loses to the global cut.
    assertTrue(tables.get("dp").validationRecall() >= tables.get("global").validationRecall());
  }
}
