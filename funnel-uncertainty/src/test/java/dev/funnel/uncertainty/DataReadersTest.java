package dev.funnel.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataReadersTest {
  @Test
  void csvInBothShapesWithNamedErrors(@TempDir Path dir) throws Exception {
    Path scored = dir.resolve("s.csv");
    Files.writeString(scored, "score,uncertainty,label\n0.9,0.1,1\n0.2,0.3,0\n");
    LabelledCsv.Scored s = assertInstanceOf(LabelledCsv.Scored.class, LabelledCsv.read(scored));
    assertEquals(2, s.set().size());
    assertEquals(1, s.set().positives());
    Path feats = dir.resolve("f.csv");
    Files.writeString(feats, "a,label,b\n1,1,2\n3,false,4\n");
    LabelledCsv.Features f = assertInstanceOf(LabelledCsv.Features.class, LabelledCsv.read(feats));
    assertEquals(java.util.List.of("a", "b"), f.table().names());
    assertEquals(4f, f.table().features()[1][1]);
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "score,uncertainty,label\n0.9,0.1,1\n0.5,x,0\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> LabelledCsv.read(bad));
    assertEquals("uncertainty", e.field());
    assertTrue(e.getMessage().contains("bad.csv:3"), e.getMessage());
    Path neg = dir.resolve("neg.csv");
    Files.writeString(neg, "score,uncertainty,label\n0.9,-0.1,1\n");
    assertEquals("uncertainties[0]", assertThrows(InvalidInputException.class, () -> LabelledCsv.read(neg)).field());
  }

  @Test
  void talkingDataSample() throws Exception {
    Path p = SharedData.resolve("conversions/talkingdata_sample/train_sample.csv").orElse(null);
    Assumptions.assumeTrue(p != null, "shared data folder absent");
    FeatureTable t = TalkingData.read(p);
    assertEquals(100_000, t.labels().length);
    assertEquals(227, t.positives());
    assertEquals(6, t.features()[0].length);
  }

  @Test
  void taobaoSamplePairsAndBetaScores() throws Exception {
    Path p = SharedData.resolve("conversions/taobao_sample/UserBehavior.csv").orElse(null);
    Assumptions.assumeTrue(p != null, "shared data folder absent");
    Taobao.Pairs pairs = Taobao.read(p);
    assertEquals(92_432, pairs.keys().length);
    int bought = 0;
    for (boolean b : pairs.labels()) {
      bought += b ? 1 : 0;
    }
    assertEquals(147, bought);
    PreparedData d = PreparedData.load("taobao", p, SyntheticGenerator.defaults(), 1, false, EnsembleConfig.defaults(), 1);
    assertEquals(pairs.keys().length, d.validation().size() + d.test().size() + (int) d.data().get("train_examples"));
    for (double u : d.validation().uncertainties()) {
      assertTrue(u > 0);
    }
  }
}
