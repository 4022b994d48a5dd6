package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.core.Candidate;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Provenance;
import dev.funnel.core.Query;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturePipelineTest {
  private final MemoryStats memory = (q, item) -> q.equals("nike running") && item.equals("a")
      ? new MemoryStats.Counts(9, 3, 1, 1) : MemoryStats.Counts.ZERO;

  @Test
  void schemaListsEveryFeatureInOrder() {
    FeatureSchema s = Fixtures.pipeline(memory).schema();
    assertEquals(List.of(
        "bm25.score", "bm25.rr", "bm25.found", "dense.score", "dense.rr", "dense.found", "memory.score", "memory.rr", "memory.found",
        "strategies.found",
        "memory.impressions", "memory.clicks", "memory.carts", "memory.purchases", "memory.ctr",
        "item.popularity", "item.price", "kw.brand", "kw.category",
        "query.tokens", "query.chars", "ctx.hour", "ctx.segment"), s.names());
    assertEquals(FeatureSchema.CURRENT_VERSION, s.version());
  }

  @Test
  void handComputedVector() {
    FeaturePipeline p = Fixtures.pipeline(memory);
    Candidate c = Fixtures.candidate("a", new Provenance("bm25", 12.5, 2), new Provenance("memory", 0.75, 1));
    float[] x = p.extract(Fixtures.query("Nike running"), c, Fixtures.item("a", 40, "Nike"));
    float[] expected = {
        12.5f, 0.5f, 1, 0, 0, 0, 0.75f, 1, 1,
        2,
        0, 0, 0, 0, 0, // memory is keyed by the raw query text: "Nike running" != "nike running"
        40, 0, 0.5f, 0.5f,
        2, 12, 14, Math.floorMod("gold".hashCode(), 16)};
    assertArrayEquals(expected, x, 1e-6f);
    float[] y = p.extract(Fixtures.query("nike running"), c, Fixtures.item("a", 40, "Nike"));
    assertArrayEquals(new float[] {9, 3, 1, 1, 0.3f}, java.util.Arrays.copyOfRange(y, 10, 15), 1e-6f);
  }

  @Test
  void emptyQueryAndNoContextAreDefined() {
    float[] x = Fixtures.pipeline(MemoryStats.NONE).extract(Query.of(""), Candidate.of("a", "dense", 0.3, 7), Fixtures.item("a", 1, "x"));
    assertEquals(0.3f, x[3], 1e-6f);
    assertEquals(1f / 7, x[4], 1e-6f);
    assertEquals(0, x[17]);
    assertEquals(0, x[19]);
    assertEquals(-1, x[21]);
    assertEquals(-1, x[22]);
  }

  @Test
  void theBestRankOfAStrategyCounts() {
    Candidate c = Fixtures.candidate("a", new Provenance("bm25", 3, 5), new Provenance("bm25", 4, 2));
    float[] x = Fixtures.pipeline(MemoryStats.NONE).extract(Query.of("q"), c, Fixtures.item("a", 1, "x"));
    assertEquals(4, x[0]);
    assertEquals(0.5f, x[1]);
    assertEquals(1, x[9]);
  }

  @Test
  void missingOrWrongItemIsNamed() {
    FeaturePipeline p = Fixtures.pipeline(MemoryStats.NONE);
    Candidate c = Candidate.of("a", "bm25", 1, 1);
    assertEquals("item", assertThrows(InvalidInputException.class, () -> p.extract(Query.of("q"), c, null)).field());
    assertEquals("b", assertThrows(InvalidInputException.class, () -> p.extract(Query.of("q"), c, Fixtures.item("b", 1, "x"))).value());
  }

  @Test
  void schemaMismatchNamesTheFirstDifference() {
    FeatureSchema a = new FeatureSchema(1, List.of("x", "y"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> a.requireSame(new FeatureSchema(1, List.of("x", "z")), "model"));
    assertEquals("model.schema.names[1]", e.field());
    assertEquals("model.schema.version", assertThrows(InvalidInputException.class, () -> a.requireSame(new FeatureSchema(2, List.of("x", "y")), "model")).field());
    assertThrows(InvalidInputException.class, () -> new FeatureSchema(1, List.of("x", "x")));
  }
}
