package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Candidate;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.Provenance;
import dev.funnel.core.Query;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingServiceTest {
  private final FeaturePipeline pipeline = Fixtures.pipeline(MemoryStats.NONE);
  private final Map<String, Item> catalog = Map.of(
      "a", Fixtures.item("a", 10, "nike"), "b", Fixtures.item("b", 90, "adidas"), "c", Fixtures.item("c", 50, "puma"));
  private final List<Candidate> union = List.of(
      Fixtures.candidate("a", new Provenance("bm25", 9, 1), new Provenance("dense", 0.8, 2)),
      Fixtures.candidate("b", new Provenance("dense", 0.9, 1)),
      Fixtures.candidate("c", new Provenance("bm25", 5, 3)));

  @Test
  void ranksExplainsAndLogsWhatWasShown() {
    RankingService s = new RankingService(pipeline, new ReciprocalRankFusionRanker(pipeline.schema(), 60));
    Query q = Fixtures.query("nike shoes");
    List<RankingService.Ranked> top = s.rank(q, union, catalog::get, 2, 3);
    assertEquals(List.of("a", "b"), top.stream().map(r -> r.candidate().itemId()).toList());
    assertEquals(1.0 / 61 + 1.0 / 62, top.get(0).score(), 1e-9);
    assertEquals("bm25.rr", top.get(0).why().get(0).feature());
    assertEquals(2, top.get(0).why().size());
    List<TrainingRecord> log = RankingService.logForTraining("req-1", q, top);
    assertEquals(2, log.size());
    assertEquals(2, log.get(1).position());
    assertEquals("b", log.get(1).itemId());
    assertEquals("gold", log.get(0).segment());
    assertArrayEquals(pipeline.extract(q, union.get(1), catalog.get("b")), log.get(1).features());
    assertEquals(0, s.rank(q, union, catalog::get, 3, 0).get(0).why().size());
  }

  @Test
  void swapIsAtomicAndChecksTheSchema() {
    Ranker rrf = new ReciprocalRankFusionRanker(pipeline.schema(), 60);
    RankingService s = new RankingService(pipeline, rrf);
    Ranker pop = new SingleFeatureRanker(pipeline.schema(), "item.popularity");
    assertSame(rrf, s.swap(pop));
    assertEquals(List.of("b", "c", "a"), s.rank(Query.of("x"), union, catalog::get, 3, 1).stream().map(r -> r.candidate().itemId()).toList());
    Ranker foreign = new SingleFeatureRanker(RankerContractTest.SCHEMA, "item.popularity");
    assertThrows(InvalidInputException.class, () -> s.swap(foreign));
    assertSame(pop, s.ranker());
    assertThrows(InvalidInputException.class, () -> s.rank(Query.of("x"), union, id -> null, 3, 1));
    assertTrue(s.rank(Query.of("x"), List.of(), catalog::get, 3, 1).isEmpty());
  }
}
