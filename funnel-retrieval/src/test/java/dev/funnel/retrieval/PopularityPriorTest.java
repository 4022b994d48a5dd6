package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Candidate;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopularityPriorTest {
  @TempDir Path tmp;

  private static Item item(String id, String title, Double popularity) {
    return new Item(id, Map.of("title", title), Map.of(), popularity == null ? Map.of() : Map.of("popularity", popularity));
  }

  @Test
  void priorAddsWeightTimesLogOnePlusPopularity() throws Exception {
    List<Item> items = List.of(
        item("a", "red ceramic mug", null),
        item("b", "red ceramic mug", 100.0),
        item("c", "red ceramic mug", 0.0),
        item("d", "blue wooden chair", 1000.0));
    IndexConfig config = IndexConfig.defaults(List.of("title")).withVectors(false);
    new CatalogIndexer(config).build(tmp, items.iterator(), 0, Map.of());
    try (CatalogIndex index = CatalogIndex.open(tmp, SearchSettings.DEFAULTS.withPopularityWeight(0.5))) {
      List<Candidate> plain = index.retriever("bm25").retrieve(Query.of("ceramic mug"), 10);
      assertEquals(List.of("a", "b", "c"), plain.stream().map(Candidate::itemId).toList(), "equal scores: id order");
      assertEquals(plain.get(0).score(), plain.get(1).score(), 1e-6);
      List<Candidate> pop = index.retriever("bm25-pop").retrieve(Query.of("ceramic mug"), 10);
      assertEquals(List.of("b", "a", "c"), pop.stream().map(Candidate::itemId).toList(), "the text must match: d is absent");
      double expected = plain.get(0).score() + 0.5 * Math.log1p(100);
      assertEquals(expected, pop.get(0).score(), expected * 0.004, "bm25 + w ln(1 + pop), FeatureField precision");
      assertEquals(plain.get(0).score(), pop.get(1).score(), 1e-6, "no popularity, no prior");
    }
  }

  @Test
  void unknownStrategyNamesTheFieldAndTheChoices() throws Exception {
    new CatalogIndexer(IndexConfig.defaults(List.of("title")).withVectors(false)).build(tmp, List.of(item("a", "mug", 1.0)).iterator(), 0, Map.of());
    try (CatalogIndex index = CatalogIndex.open(tmp)) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> index.retriever("dense"));
      assertEquals("strategies", e.field());
      assertEquals("dense", e.value());
      assertTrue(e.getMessage().contains("[bm25, bm25-pop]"), e.getMessage());
      assertEquals(List.of("bm25", "bm25-pop"), List.copyOf(index.retrievers().keySet()));
      assertEquals("mug", index.item("a").orElseThrow().text().get("title"));
      assertTrue(index.item("zz").isEmpty());
    }
  }
}
