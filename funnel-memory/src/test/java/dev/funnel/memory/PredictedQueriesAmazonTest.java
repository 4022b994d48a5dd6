package dev.funnel.memory;

import dev.funnel.query.QueryNormalizer;
import dev.funnel.query.RequestLog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Item;
import dev.funnel.core.util.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PredictedQueriesAmazonTest {
  static List<Item> catalog;

  @BeforeAll
  static void load() throws IOException {
    Path file = SharedData.resolve("catalogs/amazon_gift_cards/meta_Gift_Cards.json.gz").orElse(null);
    Assumptions.assumeTrue(file != null, "shared data folder absent");
    catalog = dev.funnel.retrieval.CatalogReaders.readAmazon(file);
  }

  @Test
  void catalogLoadsWithCleanFields() {
    assertTrue(catalog.size() > 1400 && catalog.size() <= 1547, "items: " + catalog.size());
    Item serendipity = catalog.stream().filter(i -> i.id().equals("B001BKEWF2")).findFirst().orElseThrow();
    assertEquals("Serendipity 3 $100.00 Gift Card", serendipity.text().get("title"));
    assertEquals(List.of("Serendipity 3"), serendipity.keywords().get("brand"));
    assertEquals(List.of("Gift Cards"), serendipity.keywords().get("category"));
    for (Item i : catalog) {
      for (String c : i.keywords().getOrDefault("category", List.of())) {
        assertTrue(!c.contains("<") && !c.endsWith("."), "category " + c + " of " + i.id());
      }
    }
  }

  @Test
  void everyTitledItemGetsBoundedPredictionsFromItsOwnText() {
    PredictedQueryGenerator gen = new PredictedQueryGenerator(catalog, 12);
    int withTitle = 0;
    for (Item item : catalog) {
      List<PredictedQuery> qs = gen.generate(item);
      assertTrue(qs.size() <= 12, item.id() + " " + qs.size());
      if (item.text().containsKey("title") && !QueryNormalizer.TERMS.tokens(item.text().get("title")).isEmpty()) {
        withTitle++;
        assertTrue(!qs.isEmpty(), "no prediction for " + item.id());
      }
      Set<String> own = new HashSet<>(QueryNormalizer.TERMS.tokens(item.allText() + " " + item.keywords()));
      for (PredictedQuery q : qs) {
        assertEquals(item.id(), q.itemId());
        for (String t : q.key().split(" ")) {
          assertTrue(own.contains(t), "term " + t + " of " + q + " is not in item " + item.id());
        }
      }
      assertEquals(qs, gen.generate(item), "generation is deterministic");
    }
    assertTrue(withTitle > 1400);
    Item serendipity = catalog.stream().filter(i -> i.id().equals("B001BKEWF2")).findFirst().orElseThrow();
    List<PredictedQuery> qs = gen.generate(serendipity);
    assertTrue(qs.stream().anyMatch(q -> q.rule().startsWith("brand") && q.key().startsWith("serendipity 3")), qs.toString());
    assertTrue(qs.stream().anyMatch(q -> q.rule().equals("title")), qs.toString());
  }

  @Test
  void simulatedStreamPredictionsCarryColdStartThenFeedbackTakesOver() {
    MemoryIndex cold = ColdStartSimulation.coldIndex(catalog, 12, MemoryConfig.DEFAULT);
    ColdStartSimulation.Result r = ColdStartSimulation.run(catalog, cold, 3_000, 10, 500, 11L);
    // Without predictions nothing could be found at first (the index starts with no feedback).
    assertTrue(r.firstHitRate() > 0.3, r.toString());
    assertTrue(r.firstPredictedShare() > 0.3, r.toString());
    assertTrue(r.lastHitRate() >= r.firstHitRate(), r.toString());
    assertTrue(r.lastPredictedShare() < r.firstPredictedShare() - 0.2, r.toString());

    MemoryIndex empty = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, null);
    ColdStartSimulation.Result none = ColdStartSimulation.run(catalog, empty, 1_000, 10, 1_000, 11L);
    assertEquals(0.0, none.firstHitRate(), "an empty index shows nothing, so nothing is ever clicked");
  }
}
