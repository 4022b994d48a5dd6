package dev.funnel.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapEnsembleTest {
  private static final EnsembleConfig SMALL = new EnsembleConfig(3, 15, 1);

  @Test
  void sameSeedSameModelOtherSeedOtherModel() {
    FeatureTable data = SyntheticGenerator.defaults().features(2000, 5);
    float[][] probe = SyntheticGenerator.defaults().features(50, 6).features();
    try (BootstrapEnsemble a = SMALL.train(data, 42); BootstrapEnsemble b = SMALL.train(data, 42); BootstrapEnsemble c = SMALL.train(data, 43)) {
      Estimate[] ea = a.estimateAll(probe);
      Estimate[] eb = b.estimateAll(probe);
      Estimate[] ec = c.estimateAll(probe);
      boolean differs = false;
      for (int i = 0; i < probe.length; i++) {
        assertEquals(ea[i], eb[i]);
        assertEquals(ea[i], a.estimate(probe[i]));
        differs |= !ea[i].equals(ec[i]);
        assertTrue(ea[i].score() >= 0 && ea[i].score() <= 1);
      }
      assertTrue(differs, "a different seed should give different members");
    }
  }

  @Test
  void meanAndSpreadByHand() {
    Estimate e = BootstrapEnsemble.meanAndSpread(new double[] {0.2, 0.4, 0.6});
    assertEquals(0.4, e.score(), 1e-12);
    assertEquals(0.2, e.uncertainty(), 1e-12); // sqrt((0.04 + 0 + 0.04) / 2)
  }

  @Test
  void modelFileRoundTripAndClearErrors(@TempDir Path dir) throws Exception {
    FeatureTable data = SyntheticGenerator.defaults().features(2000, 9);
    ThresholdTable t = new ThresholdTable("dp", 0.8, new double[] {0.1}, new double[] {0.7, 0.9}, true, 0.8, 0.4, 0.95, 100, 40);
    Path file = dir.resolve("m.json");
    float[] row = {0.8f, 2f};
    Estimate before;
    try (BootstrapEnsemble e = SMALL.train(data, 3)) {
      before = e.estimate(row);
      new ScoredModel(e, data.names(), new DecisionPolicy("dp", List.of(t)), dev.funnel.core.io.FileProvenance.of(List.of("synthetic"), Map.of(), Map.of(), 3L)).write(file);
    }
    try (ScoredModel m = ScoredModel.read(file)) {
      assertEquals(before, m.scorer().estimate(row));
      assertEquals(List.of("noisy_rate", "log_evidence"), m.featureNames());
      assertEquals(0.8, m.policy().tableFor(0.8).targetPrecision());
      assertEquals(3L, m.provenance().seed());
    }
    Path old = dir.resolve("old.json");
    Files.writeString(old, Files.readString(file).replace("\"format_version\" : 2", "\"format_version\" : 1"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScoredModel.read(old));
    assertEquals("format_version", e.field());
    assertTrue(e.getMessage().startsWith(old.toString()) && e.getMessage().contains("funnel-scored-model"), e.getMessage());
    Files.writeString(dir.resolve("other.json"), "{\"kind\": \"something-else\", \"format_version\": 2}");
    assertEquals("kind", assertThrows(InvalidInputException.class, () -> ScoredModel.read(dir.resolve("other.json"))).field());
    assertNotEquals(0, Files.size(file));
  }
}
