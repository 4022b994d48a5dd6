package dev.funnel.memory;

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

class QueryUnderstandingTest {
  /** Ten items: every one is a gift card; Starbucks x4 (+1 Starbucks Reserve) sell coffee. */
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

  static Interpretation.Span only(Interpretation in) {
    assertEquals(1, in.spans().size(), in.toString());
    return in.spans().get(0);
  }

  @Test
  void catalogConfidenceMatchesHandComputedValues() {
    QueryUnderstanding qu = new QueryUnderstanding(tinyCatalog(), QuConfig.DEFAULT, RequestLog.NONE);
    // "starbucks": values containing "starbuck" are Starbucks (4) and Starbucks Reserve (1):
    // share 4/5, coverage 1, 1 - p0 = 1 - 4/10 -> 0.48 (a boost)
    Interpretation s = qu.interpret("Starbucks");
    assertEquals(0.8 * 1 * 0.6, only(s).confidence(), 1e-12);
    assertEquals(new Interpretation.Boost("brand", "Starbucks", 0.48), new Interpretation.Boost("brand", "Starbucks", s.boosts().get(0).weight()));
    assertEquals(0.48, s.boosts().get(0).weight(), 1e-12);
    assertTrue(s.filters().isEmpty());
    assertEquals(Interpretation.QueryType.NAVIGATIONAL_BRAND, s.type());
    // "home depot": share 1, coverage 2/2 ("the" is a stop word), 1 - 1/10 -> 0.9 (a filter)
    Interpretation h = qu.interpret("home depot drill");
    assertEquals(0.9, only(h).confidence(), 1e-12);
    assertEquals(Map.of("brand", "The Home Depot"), h.filters());
    assertEquals("drill", h.residual());
    assertEquals(Interpretation.Source.CATALOG, only(h).source());
    assertEquals(Interpretation.QueryType.NAVIGATIONAL_BRAND, h.type());
    // "gift cards": every item has the value, so 1 - p0 = 0: no reading
    Interpretation g = qu.interpret("gift cards");
    assertTrue(g.spans().isEmpty());
    assertEquals("gift cards", g.residual());
    // "coffee": share 1, coverage 1, 1 - 5/10 -> 0.5
    Interpretation c = qu.interpret("coffee");
    assertEquals(0.5, only(c).confidence(), 1e-12);
    assertEquals(Interpretation.QueryType.CATEGORY_BROWSE, c.type());
  }

  @Test
  void queryTypes() {
    QueryUnderstanding qu = new QueryUnderstanding(tinyCatalog(), QuConfig.DEFAULT, RequestLog.NONE);
    assertEquals(Interpretation.QueryType.SPECIFIC_ITEM, qu.interpret("home depot cordless drill set").type());
    assertEquals(Interpretation.QueryType.SPECIFIC_ITEM, qu.interpret("home depot 50").type());
    assertEquals(Interpretation.QueryType.FREE_TEXT, qu.interpret("birthday present").type());
    assertEquals(Interpretation.QueryType.FREE_TEXT, qu.interpret("").type());
    assertEquals(Interpretation.QueryType.NAVIGATIONAL_BRAND, qu.interpret("home depot gift card").type());
  }

  static List<Event> clicks(String query, int n, List<String> items) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Event(EventType.CLICK, "r" + i, items.get(i % items.size()), 1, java.time.Instant.EPOCH, null, null, query));
    }
    return out;
  }

  @Test
  void clicksTeachReadingsTheCatalogCannot() {
    QueryUnderstanding qu = new QueryUnderstanding(tinyCatalog(), QuConfig.DEFAULT, RequestLog.NONE);
    assertTrue(qu.interpret("espresso").spans().isEmpty());
    List<Event> events = clicks("espresso", 15, List.of("i1", "i2", "i3", "i4"));
    events.add(new Event(EventType.IMPRESSION, "r", "i9", 1, java.time.Instant.EPOCH, null, null, "espresso"));
    events.add(new Event(EventType.CLICK, "r", "unknown-item", 1, java.time.Instant.EPOCH, null, null, "espresso"));
    events.forEach(qu::accept);
    assertEquals(1, qu.skippedEvents());
    // P(Starbucks | espresso) = (15 + 5 * 0.4) / (15 + 5) = 0.85, minus p0 0.4 -> 0.45 (a boost);
    // Coffee: (15 + 2.5) / 20 - 0.5 = 0.375 < 0.4; Gift Cards: 20 / 20 - 1 = 0
    Interpretation e = qu.interpret("espresso");
    Interpretation.Span s = only(e);
    assertEquals("Starbucks", s.value());
    assertEquals(0.45, s.confidence(), 1e-12);
    assertEquals(Interpretation.Source.CLICKS, s.source());
    assertTrue(!s.filter());
  }

  @Test
  void snapshotAndRebuildReproduceInterpretations(@TempDir Path dir) throws Exception {
    List<Item> catalog = tinyCatalog();
    QueryUnderstanding qu = new QueryUnderstanding(catalog, QuConfig.DEFAULT, RequestLog.NONE);
    List<Event> events = clicks("espresso", 15, List.of("i1", "i2", "i3", "i4"));
    events.addAll(clicks("drill", 9, List.of("i5")));
    events.forEach(qu::accept);
    qu.snapshot(dir.resolve("qu.snap"));
    QueryUnderstanding loaded = QueryUnderstanding.load(dir.resolve("qu.snap"), catalog, QuConfig.DEFAULT, RequestLog.NONE);
    QueryUnderstanding rebuilt;
    try (FileEventLog log = FileEventLog.open(dir.resolve("events"))) {
      log.append(events);
      rebuilt = QueryUnderstanding.rebuild(catalog, log, QuConfig.DEFAULT, RequestLog.NONE);
    }
    for (String q : List.of("espresso", "drill", "starbucks espresso", "home depot", "coffee tools", "nothing")) {
      assertEquals(qu.interpret(q), loaded.interpret(q), q);
      assertEquals(qu.interpret(q), rebuilt.interpret(q), q);
    }
    assertEquals("The Home Depot", qu.interpret("drill").spans().get(0).value());
  }

  @Test
  void concurrentLearningLosesNoClick() throws Exception {
    QueryUnderstanding sequential = new QueryUnderstanding(tinyCatalog(), QuConfig.DEFAULT, RequestLog.NONE);
    QueryUnderstanding parallel = new QueryUnderstanding(tinyCatalog(), QuConfig.DEFAULT, RequestLog.NONE);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      events.add(new Event(EventType.values()[1 + i % 3], "r" + i, "i" + (1 + i % 10), 1, java.time.Instant.EPOCH, null, null,
          "query " + (i % 13) + " word" + (i % 7)));
    }
    events.forEach(sequential::accept);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      List<Event> part = events.subList(t * 1000, (t + 1) * 1000);
      fs.add(pool.submit(() -> part.forEach(parallel::accept)));
      fs.add(pool.submit(() -> { for (int i = 0; i < 200; i++) parallel.interpret("query 3 word2"); }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    for (int q = 0; q < 13; q++) {
      // click weights are small integers, so sums are exact whatever the order
      assertEquals(sequential.clickReadings("" + q), parallel.clickReadings("" + q));
      assertEquals(sequential.interpret("query " + q + " word1"), parallel.interpret("query " + q + " word1"));
    }
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
}
