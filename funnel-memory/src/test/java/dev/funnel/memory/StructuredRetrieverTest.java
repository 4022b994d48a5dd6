package dev.funnel.memory;

import dev.funnel.query.QueryUnderstanding;
import dev.funnel.query.Interpretation;
import dev.funnel.query.QuConfig;
import dev.funnel.query.RequestLog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Candidate;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import dev.funnel.core.util.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class StructuredRetrieverTest {
  @Test
  void filtersFromTheInterpretationThenRelaxedBoostsFillUpToK() {
    List<Item> catalog = QueryUnderstandingAmazonTest.tinyCatalog();
    InMemoryStructuredSearch search = new InMemoryStructuredSearch(catalog);
    StructuredRetriever r = new StructuredRetriever(new QueryUnderstanding(catalog, QuConfig.DEFAULT, RequestLog.NONE), search);
    assertEquals("structured", r.name());
    List<Candidate> c = r.retrieve(Query.of("home depot card"), 3);
    // first call: brand filter, residual text "card"; only i5 passes; then the relaxed call fills
    assertEquals(dev.funnel.core.Filters.of(Map.of("brand", "The Home Depot")), search.calls.get(0).query().filters());
    assertEquals("card", search.calls.get(0).query().text());
    assertEquals("i5", c.get(0).itemId());
    assertEquals(3, c.size());
    assertEquals(2, search.calls.size());
    assertTrue(search.calls.get(1).query().filters().isEmpty());
    assertTrue(search.calls.get(1).boosts().contains(new Interpretation.Boost("brand", "The Home Depot", 0.9)));
    for (int i = 0; i < c.size(); i++) {
      assertEquals("structured", c.get(i).provenance().get(0).strategy());
      assertEquals(i + 1, c.get(i).provenance().get(0).rank());
      if (i > 0) {
        assertTrue(c.get(i).score() <= c.get(i - 1).score());
      }
    }
  }

  @Test
  void requestFiltersWinOverInterpretedOnes() {
    List<Item> catalog = QueryUnderstandingAmazonTest.tinyCatalog();
    InMemoryStructuredSearch search = new InMemoryStructuredSearch(catalog);
    StructuredRetriever r = new StructuredRetriever(new QueryUnderstanding(catalog, QuConfig.DEFAULT, RequestLog.NONE), search);
    r.retrieve(new Query("home depot", Map.of("brand", "Starbucks"), null), 2);
    assertEquals(dev.funnel.core.Filters.of(Map.of("brand", "Starbucks")), search.calls.get(0).query().filters());
    assertEquals("home depot", search.calls.get(0).query().text(), "nothing left after the filter span: the whole text is used");
  }

  @Test
  void amazonBrandQueryReturnsOnlyThatBrandFirst() throws Exception {
    Path file = SharedData.resolve("catalogs/amazon_gift_cards/meta_Gift_Cards.json.gz").orElse(null);
    Assumptions.assumeTrue(file != null, "shared data folder absent");
    List<Item> catalog = dev.funnel.retrieval.CatalogReaders.readAmazon(file);
    StructuredRetriever r = new StructuredRetriever(new QueryUnderstanding(catalog, QuConfig.DEFAULT, RequestLog.NONE),
        new InMemoryStructuredSearch(catalog));
    List<Candidate> c = r.retrieve(Query.of("red robin gift card"), 10);
    Map<String, Item> byId = new java.util.HashMap<>();
    catalog.forEach(i -> byId.put(i.id(), i));
    long redRobin = catalog.stream().filter(i -> i.keywords().getOrDefault("brand", List.of()).contains("Red Robin")).count();
    assertEquals(3, redRobin);
    for (int i = 0; i < redRobin; i++) {
      assertEquals(List.of("Red Robin"), byId.get(c.get(i).itemId()).keywords().get("brand"));
    }
    assertEquals(10, c.size(), "relaxed search fills the list");
  }
}
