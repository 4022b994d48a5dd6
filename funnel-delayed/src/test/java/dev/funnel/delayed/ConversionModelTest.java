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
    dev.funnel.core.io.FileProvenance written;
    try (ConversionModel m = ConversionTraining.train(d, new EngagementWeighting(), s)) {
      assertEquals("engagement", m.provenance().parameters().get("method"));
      assertEquals(9L, m.provenance().seed());
      assertTrue(m.report().containsKey("validation"));
      p = m.predict(d.journeys().get(0).features());
      m.save(file);
      written = m.provenance();
    }
    try (ConversionModel back = ConversionModel.load(file)) {
      assertEquals(p, back.predict(d.journeys().get(0).features()), 1e-12);
      assertEquals(d.spec(), back.spec());
      assertEquals("engagement", back.provenance().parameters().get("method"));
      assertEquals(written, back.provenance());
    }
    assertThrows(InvalidInputException.class, () -> ConversionTraining.train(d, new OracleWeighting(), s));
  }

  @Test
  void refusesOtherFormatsAndVersions(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"kind\":\"funnel-conversion-model\",\"format_version\":99}");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConversionModel.load(f));
    assertEquals("format_version", e.field());
    assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("99"), e.getMessage());
    Files.writeString(f, "{\"kind\":\"funnel-ranker\",\"format_version\":2}");
    assertEquals("kind", assertThrows(InvalidInputException.class, () -> ConversionModel.load(f)).field());
    Files.writeString(f, "not json");
    assertThrows(InvalidInputException.class, () -> ConversionModel.load(f));
  }
}
