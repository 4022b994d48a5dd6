package dev.funnel.memory;

import dev.funnel.query.Interpretation;
import dev.funnel.query.QuConfig;
import dev.funnel.query.QueryUnderstanding;
import dev.funnel.query.RequestLog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.Item;
import dev.funnel.core.util.SharedData;
import dev.funnel.events.FileEventLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Query understanding on the Amazon Gift Cards catalog as serve builds it ({@code CatalogReaders.readAmazon}). */
class QueryUnderstandingAmazonTest {
  /** The catalog of the query module's own tests: ten items, brands Starbucks / The Home Depot / Starbucks Reserve. */
  static List<Item> tinyCatalog() {
    List<Item> items = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      String brand = i <= 4 ? "Starbucks" : i == 5 ? "The Home Depot" : i == 7 ? "Starbucks Reserve" : null;
      List<String> cats = i <= 4 || i == 7 ? List.of("Gift Cards", "Coffee") : i <= 6 ? List.of("Gift Cards", "Tools") : List.of("Gift Cards");
      Map<String, List<String>> kw = brand == null ? Map.of("category", cats) : Map.of("brand", List.of(brand), "category", cats);
      items.add(new Item("i" + i, Map.of("title", "card " + i), kw, Map.of()));
    }
    return items;
  }

  @Test
  void amazonBrandAndCategoryTokensMapToTheirValues() throws Exception {
    Path file = SharedData.resolve("catalogs/amazon_gift_cards/meta_Gift_Cards.json.gz").orElse(null);
    Assumptions.assumeTrue(file != null, "shared data folder absent");
    QueryUnderstanding qu = new QueryUnderstanding(dev.funnel.retrieval.CatalogReaders.readAmazon(file), QuConfig.DEFAULT, RequestLog.NONE);
    Interpretation s = qu.interpret("Starbucks gift cards");
    assertEquals(Map.of("brand", "Starbucks"), s.filters());
    assertEquals("gift cards", s.residual());
    assertEquals(Interpretation.QueryType.NAVIGATIONAL_BRAND, s.type());
    assertEquals(Map.of("category", "Gift Card Accessories"), qu.interpret("gift card accessories").filters());
    assertEquals(Map.of("brand", "The Home Depot"), qu.interpret("home depot").filters());
    Interpretation itunes = qu.interpret("itunes 25");
    // On the catalog as serve builds it (brands cleaned: "by iTunes" is iTunes) the brand is a filter.
    assertEquals(Map.of("brand", "iTunes"), itunes.filters());
    assertEquals(Interpretation.QueryType.SPECIFIC_ITEM, itunes.type());
    assertTrue(qu.interpret("gift card").spans().isEmpty(), "a value on every item is not a reading");
  }

  @Test
  void amazonClicksTeachThatCoffeeMeansStarbucks() throws Exception {
    Path file = SharedData.resolve("catalogs/amazon_gift_cards/meta_Gift_Cards.json.gz").orElse(null);
    Assumptions.assumeTrue(file != null, "shared data folder absent");
    List<Item> catalog = dev.funnel.retrieval.CatalogReaders.readAmazon(file);
    QueryUnderstanding qu = new QueryUnderstanding(catalog, QuConfig.DEFAULT, RequestLog.NONE);
    assertTrue(qu.interpret("coffee").spans().stream().noneMatch(x -> x.value().equals("Starbucks")));
    List<String> starbucks = catalog.stream()
        .filter(i -> i.keywords().getOrDefault("brand", List.of()).contains("Starbucks")).map(Item::id).toList();
    assertEquals(10, starbucks.size());
    clicks("coffee", 10, starbucks).forEach(qu::accept);
    // P(Starbucks | coffee) = (10 + 5 * 10/1547) / 15, minus p0 = 10/1547 -> 0.662 (a boost)
    Interpretation in = qu.interpret("coffee");
    Interpretation.Span s = in.spans().stream().filter(x -> x.value().equals("Starbucks")).findFirst().orElseThrow();
    double p0 = 10.0 / catalog.size();
    assertEquals((10 + 5 * p0) / 15 - p0, s.confidence(), 1e-12);
    assertEquals(Interpretation.Source.CLICKS, s.source());
    assertTrue(in.boosts().contains(new Interpretation.Boost("brand", "Starbucks", s.confidence())));
  }

  static List<Event> clicks(String query, int n, List<String> items) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Event(EventType.CLICK, "r" + i, items.get(i % items.size()), 1, java.time.Instant.EPOCH, null, null, query));
    }
    return out;
  }
}
