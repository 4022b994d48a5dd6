package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import dev.funnel.ml.GbmParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankerFileTest {
  @TempDir Path dir;

  private static LambdaMartRanker model() {
    List<float[]> x = RankerContractTest.rows(3, 400);
    float[] y = new float[x.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = x.get(i)[4] > 50 ? 1 : 0;
    }
    int[] g = new int[20];
    java.util.Arrays.fill(g, 20);
    LambdaMartRanker r = LambdaMartTrainer.fit(RankerContractTest.SCHEMA, x.toArray(new float[0][]), y, g, GbmParams.lambdaRank(10, 3), "unit");
    LambdaMartRanker withValidation = new LambdaMartRanker(r.schema(), loadBack(r), r.provenance().withValidation(Map.of("ndcg@10", 0.5)));
    r.close();
    return withValidation;
  }

  private static dev.funnel.ml.GbmModel loadBack(LambdaMartRanker r) {
    return dev.funnel.ml.GbmModel.load(r.modelText());
  }

  @Test
  void roundTripKeepsScoresSchemaAndProvenance() throws Exception {
    Path f = dir.resolve("m/ranker.json");
    List<float[]> x = RankerContractTest.rows(9, 30);
    try (LambdaMartRanker r = model()) {
      RankerFile.write(r, f);
      try (LambdaMartRanker back = RankerFile.read(f, RankerContractTest.SCHEMA)) {
        assertArrayEquals(r.score(x), back.score(x), 1e-12);
        assertEquals(r.provenance(), back.provenance());
        assertEquals(0.5, back.provenance().validation().get("ndcg@10"));
        assertEquals(3, back.provenance().seed());
      }
      assertTrue(Files.readString(f).contains("\"funnel_version\" : \"" + dev.funnel.core.io.BuildInfo.current().funnelVersion() + "\""));
      assertEquals(RankerFile.toText(r), Files.readString(f).strip());
    }
  }

  @Test
  void mismatchedOrOldFilesFailClearly() throws Exception {
    Path f = dir.resolve("ranker.json");
    try (LambdaMartRanker r = model()) {
      RankerFile.write(r, f);
    }
    FeatureSchema other = new FeatureSchema(1, List.of("bm25.score", "bm25.rr", "dense.score", "dense.rr", "item.price"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> RankerFile.read(f, other));
    assertTrue(e.getMessage().contains("item.popularity") && e.getMessage().contains("item.price"), e.getMessage());

    String text = Files.readString(f);
    Path old = dir.resolve("old.json");
    Files.writeString(old, text.replace("\"format_version\" : 2", "\"format_version\" : 1"));
    e = assertThrows(InvalidInputException.class, () -> RankerFile.read(old));
    assertEquals("format_version", e.field());
    assertTrue(e.getMessage().startsWith(old.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("funnel-ranker") && e.getMessage().contains("format_version 2"), e.getMessage());

    Path otherKind = dir.resolve("other-kind.json");
    Files.writeString(otherKind, text.replace("\"kind\" : \"funnel-ranker\"", "\"kind\" : \"funnel-conversion-model\""));
    e = assertThrows(InvalidInputException.class, () -> RankerFile.read(otherKind));
    assertEquals("kind", e.field());
    assertTrue(e.getMessage().startsWith(otherKind.toString()) && e.getMessage().contains("funnel-conversion-model"), e.getMessage());

    Path v2 = dir.resolve("v2.json");
    Files.writeString(v2, text.replace("\"version\" : 1", "\"version\" : 2"));
    e = assertThrows(InvalidInputException.class, () -> RankerFile.read(v2, RankerContractTest.SCHEMA));
    assertTrue(e.field().endsWith("schema.version"), e.getMessage());

    Path junk = dir.resolve("junk.json");
    Files.writeString(junk, "tree\nversion=v4\n");
    assertThrows(InvalidInputException.class, () -> RankerFile.read(junk));
    Files.writeString(junk, text.replace("\"lightgbm\" : \"", "\"lightgbm\" : \"not a model\", \"rest\" : \""));
    assertEquals("lightgbm", assertThrows(InvalidInputException.class, () -> RankerFile.read(junk)).field());
  }
}
