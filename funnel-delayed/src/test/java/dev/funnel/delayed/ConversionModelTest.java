package dev.funnel.delayed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversionModelTest {
  @Test
  void trainsSavesLoadsAndScores(@TempDir Path dir) throws Exception {
    ClickData d = SyntheticGenerator.generate(new SyntheticConfig(12, 300, 8, 3, 0.06, 0.35, 24, 0.8, 0.7, 1.0), 9);
    long asOf = d.end() + 1;
    ConversionTraining.Settings s = new ConversionTraining.Settings(asOf, 12 * 86_400L, 86_400L, ConversionTrainer.defaultParams(9).withRounds(20), 9);
    Path file = dir.resolve("m.json");
    double p;
    try (ConversionModel m = ConversionTraining.train(d, new EngagementWeighting(), s)) {
      assertEquals("engagement", m.provenance().get("method"));
      assertTrue(m.provenance().containsKey("validation"));
      p = m.predict(d.journeys().get(0).features());
      m.save(file);
    }
    try (ConversionModel back = ConversionModel.load(file)) {
      assertEquals(p, back.predict(d.journeys().get(0).features()), 1e-12);
      assertEquals(d.spec(), back.spec());
      assertEquals("engagement", back.provenance().get("method"));
    }
    assertThrows(InvalidInputException.class, () -> ConversionTraining.train(d, new OracleWeighting(), s));
  }

  @Test
  void refusesOtherFormatsAndVersions(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"format\":\"funnel-conversion-model\",\"version\":99}");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConversionModel.load(f));
    assertEquals("version", e.field());
    Files.writeString(f, "{\"format\":\"something-else\"}");
    assertEquals("format", assertThrows(InvalidInputException.class, () -> ConversionModel.load(f)).field());
    Files.writeString(f, "not json");
    assertThrows(InvalidInputException.class, () -> ConversionModel.load(f));
  }
}
