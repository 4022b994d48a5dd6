package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.util.SharedData;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogReadersTest {
  @TempDir Path tmp;

  private static final CatalogReaders.Mapping MAPPING = new CatalogReaders.Mapping(
      "id", List.of("title", "body"), List.of("brand", "tags"), List.of("price"), "sales");

  private Path file(String name, String... lines) throws Exception {
    Path p = tmp.resolve(name);
    Files.write(p, List.of(lines), StandardCharsets.UTF_8);
    return p;
  }

  private static List<Item> readAll(CatalogReader r) {
    List<Item> out = new ArrayList<>();
    r.forEachRemaining(out::add);
    return out;
  }

  @Test
  void jsonLinesWithAMapping() throws Exception {
    Path p = file("c.jsonl",
        "{\"id\": \"a1\", \"title\": \"Red mug\", \"body\": [\"Ceramic.\", \"350 ml\"], \"brand\": \"Acme\", \"tags\": [\"kitchen\", 7], \"price\": \"12.50\", \"sales\": 40}",
        "",
        "{\"id\": 2, \"title\": \"Lamp\", \"brand\": null, \"price\": 30}");
    try (CatalogReader r = CatalogReaders.open(p, CatalogReaders.Format.JSONL, MAPPING, null, false)) {
      List<Item> items = readAll(r);
      assertEquals(2, items.size());
      Item a = items.get(0);
      assertEquals("a1", a.id());
      assertEquals("Ceramic.\n350 ml", a.text().get("body"));
      assertEquals(List.of("kitchen", "7"), a.keywords().get("tags"));
      assertEquals(12.5, a.numbers().get("price"));
      assertEquals(40.0, a.numbers().get("sales"));
      assertEquals("2", items.get(1).id());
      ReadReport rep = r.report();
      assertEquals(List.of(2L, 2L, 0L), List.of(rep.records(), rep.kept(), rep.skippedTotal()));
      assertEquals(new DataQuality.Field(2, 0, 0, 0, Map.of()), rep.quality().fields().get("title"));
      assertEquals(new DataQuality.Field(1, 1, 0, 0, Map.of()), rep.quality().fields().get("body"));
      assertEquals(1, rep.quality().withPopularity());
    }
  }

  @Test
  void malformedRecordsNameFileLineFieldAndValue() throws Exception {
    Path p = file("bad.jsonl",
        "{\"id\": \"ok\", \"title\": \"fine\"}",
        "{\"id\": \"p2\", \"title\": \"Mug\", \"price\": \"cheap\"}");
    try (CatalogReader r = CatalogReaders.open(p, CatalogReaders.Format.JSONL, MAPPING, null, false)) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(r));
      assertEquals("price", e.field());
      assertEquals("cheap", e.value());
      assertTrue(e.getMessage().startsWith(p + ":2: price: expected a number"), e.getMessage());
    }
    Path q = file("bad2.jsonl", "{\"title\": \"no id\"}");
    try (CatalogReader r = CatalogReaders.open(q, CatalogReaders.Format.JSONL, MAPPING, null, false)) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(r));
      assertEquals("id", e.field());
      assertTrue(e.getMessage().startsWith(q + ":1: id:"), e.getMessage());
    }
    Path j = file("bad3.jsonl", "{\"id\": \"x\", \"title\": {\"nested\": 1}}", "{not json");
    try (CatalogReader r = CatalogReaders.open(j, CatalogReaders.Format.JSONL, MAPPING, null, false)) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(r));
      assertEquals("title", e.field());
      assertEquals("{\"nested\":1}", e.value());
    }
  }

  @Test
  void skipBadCountsPerReason() throws Exception {
    Path p = file("mixed.jsonl",
        "{\"id\": \"a\", \"title\": \"one\"}",
        "{not json",
        "{\"id\": \"b\", \"title\": \"two\", \"price\": \"n/a\"}",
        "{\"id\": \"c\", \"title\": \"three\", \"price\": \"x\"}",
        "{\"title\": \"no id\"}",
        "{\"id\": \"a\", \"title\": \"duplicate\"}",
        "{\"id\": \"d\", \"title\": \"\", \"body\": \" \"}",
        "{\"id\": \"e\", \"title\": \"five\"}");
    try (CatalogReader r = CatalogReaders.open(p, CatalogReaders.Format.JSONL, MAPPING, null, true)) {
      // the repeated id "a" is an update (the indexer keeps the last record), not a bad record
      assertEquals(List.of("a", "a", "e"), readAll(r).stream().map(Item::id).toList());
      ReadReport rep = r.report();
      assertEquals(8, rep.records());
      assertEquals(3, rep.kept());
      assertEquals(1, r.repeatedIds());
      assertEquals(5, rep.skippedTotal());
      assertEquals(2L, rep.skipped().get("price: expected a number"));
      assertEquals(1L, rep.skipped().get("id: expected an id (string or integer)"));
      assertEquals(1L, rep.skipped().get("record: expected a JSON object"));
      assertEquals(1L, rep.skipped().get("title: expected text in at least one of [title, body]"));
      assertEquals(4, rep.skipped().size(), rep.skipped().toString());
    }
  }

  @Test
  void amazonPrices() {
    assertEquals(25.0, CatalogReaders.price("$25.00"));
    assertEquals(1250.0, CatalogReaders.price("$1,250.00"));
    assertEquals(10.0, CatalogReaders.price("$10.00 - $50.00"));
    assertNull(CatalogReaders.price(".a-box-inner{background-color:#fff}"));
    assertNull(CatalogReaders.price("\n\t\t  \n"));
  }

  @Test
  void amazonRecordsAndReviewPopularity() throws Exception {
    Path meta = tmp.resolve("meta.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(meta))) {
      out.write(("{\"asin\": \"A1\", \"title\": \"Gift Card\", \"description\": [\"<b>Nice</b> card\"], \"brand\": \"Acme\", "
          + "\"category\": [\"Gift Cards\", \"Gift Cards\"], \"also_buy\": [\"A2\"], \"also_view\": [], \"price\": \"$25.00\"}\n"
          + "{\"asin\": \"A2\", \"title\": \"Other\", \"description\": [], \"price\": \"<div>garbage</div>\"}\n").getBytes(StandardCharsets.UTF_8));
    }
    Path reviews = file("reviews.json", "{\"asin\": \"A1\", \"overall\": 5}", "{\"asin\": \"A1\"}", "{\"asin\": \"A3\"}");
    try (CatalogReader r = CatalogReaders.open(meta, CatalogReaders.Format.AMAZON, null, reviews, false)) {
      List<Item> items = readAll(r);
      Item a = items.get(0);
      assertEquals("Nice card", a.text().get("description"));
      assertEquals(List.of("Gift Cards"), a.keywords().get("category"));
      assertEquals(List.of("A2"), a.keywords().get("also_buy"));
      assertEquals(25.0, a.numbers().get("price"));
      assertEquals(2.0, a.numbers().get("popularity"));
      assertEquals(0.0, items.get(1).numbers().get("popularity"));
      assertNull(items.get(1).numbers().get("price"));
      assertEquals(1L, r.report().leftOut().get("price: not a price like $25.00"));
    }
  }

  @Test
  void theRealAmazonGiftCardCatalog() throws Exception {
    Path meta = SharedData.resolve("catalogs/amazon_gift_cards/meta_Gift_Cards.json.gz").orElse(null);
    Path reviews = SharedData.resolve("catalogs/amazon_gift_cards/Gift_Cards_5.json.gz").orElse(null);
    Assumptions.assumeTrue(meta != null && reviews != null, "shared data folder absent");
    try (CatalogReader r = CatalogReaders.open(meta, CatalogReaders.Format.AMAZON, null, reviews, false)) {
      List<Item> items = readAll(r);
      assertEquals(1547, items.size());
      double reviewsSeen = items.stream().mapToDouble(i -> i.number("popularity", 0)).sum();
      assertEquals(2972, reviewsSeen, "every 5-core review belongs to a catalog item");
      for (Item i : items) {
        i.text().forEach((f, v) -> assertTrue(!CatalogCleaning.hasMarkup(v) && !v.contains("<") && !v.contains("\u00a0"), i.id() + " " + f + ": " + v));
        i.keywords().forEach((f, vs) -> vs.forEach(v -> assertTrue(!v.contains("<") && !v.contains("\n") && !v.startsWith("by "), i.id() + " " + f + ": " + v)));
        assertTrue(i.keywords().getOrDefault("category", List.of()).stream().noneMatch(v -> v.endsWith(".")), i.id());
      }
      DataQuality.Report q = r.report().quality();
      assertEquals(0, q.valuesWithMarkup());
      assertEquals(1547, q.items());
      long withReviews = items.stream().filter(i -> i.number("popularity", 0) > 0).count();
      assertEquals(withReviews, q.withPopularity());
      DataQuality.Field category = q.fields().get("category");
      assertTrue(category.droppedTotal() - category.dropped().get("repeated value") >= 4 * 510, q.toText());
      assertEquals(0, q.fields().get("brand").droppedTotal(), q.toText());
    }
  }

  @Test
  void beirCorpusFolder() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("beir"));
    Files.writeString(dir.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"title\": \"T\", \"text\": \"Body.\", \"metadata\": {}}\n");
    try (CatalogReader r = CatalogReaders.open(dir, CatalogReaders.Format.BEIR, null, null, false)) {
      Item d = readAll(r).get(0);
      assertEquals("d1", d.id());
      assertEquals(Map.of("title", "T", "text", "Body."), d.text());
    }
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CatalogReaders.open(tmp.resolve("missing.jsonl"), CatalogReaders.Format.JSONL, MAPPING, null, false));
    assertEquals("input", e.field());
  }

  @Test
  void htmlIsParsedNotPatternMatched() throws Exception {
    Path meta = file("meta.json",
        "{\"asin\": \"S1\", \"title\": \"<span class=\\\"a-size-medium a-color-secondary\\\"\", "
            + "\"description\": [\"Fits every&nbsp;reader. Ships in two days.\"], \"brand\": \"by\\n    \\n    Apple\", "
            + "\"category\": [\"Books\", \"</span></span></span>\", \"No expiration, no fees.\", \"Ships in two days\", \"Books\"]}",
        "{\"asin\": \"S2\", \"title\": \"Tom &amp; Jerry &lt;b&gt;DVD&lt;/b&gt;\", \"description\": \"<p>Classic<br>cartoons\"}");
    try (CatalogReader r = CatalogReaders.open(meta, CatalogReaders.Format.AMAZON, null, null, false)) {
      List<Item> items = readAll(r);
      Item s1 = items.get(0);
      assertEquals("Fits every reader.", s1.text().get("title"), "an unclosed tag leaves no title: the first sentence of the description");
      assertEquals("Fits every reader. Ships in two days.", s1.text().get("description"));
      assertEquals(List.of("Apple"), s1.keywords().get("brand"));
      assertEquals(List.of("Books"), s1.keywords().get("category"));
      assertEquals("Tom & Jerry DVD", items.get(1).text().get("title"));
      assertEquals("Classic cartoons", items.get(1).text().get("description"));
      DataQuality.Report q = r.report().quality();
      assertEquals(new DataQuality.Field(2, 0, 2, 1, Map.of()), q.fields().get("title"));
      assertEquals(Map.of("empty after cleaning", 1L, "a sentence", 1L, "also in the description", 1L, "repeated value", 1L),
          q.fields().get("category").dropped());
      assertEquals(1, q.fields().get("brand").cleaned());
      assertEquals(1, q.fields().get("brand").empty());
      assertEquals(0, q.valuesWithMarkup());
      assertNull(q.popularitySource());
      assertTrue(q.toText().contains("popularity: none"), q.toText());
    }
  }

  @Test
  void cleaningRules() {
    assertEquals("a < b & c", CatalogCleaning.text("a < b & c"), "text without markup is kept");
    assertEquals("line one\nline two", CatalogCleaning.text("line one\nline two"));
    assertEquals("5 \u00bd inches", CatalogCleaning.text("5 &frac12;&nbsp;inches"));
    assertEquals("", CatalogCleaning.text("<span class=\"a-size-medium\""));
    assertEquals("Gap", CatalogCleaning.keyword("brand", "By  Gap"));
    assertEquals("by the sea", CatalogCleaning.keyword("category", "by the sea"), "only brands lose a leading by");
    assertNull(CatalogCleaning.notACategory("category", "Arts & Crafts", "arts & crafts supplies"), "short phrases may repeat the description");
    assertNull(CatalogCleaning.notACategory("brand", "The Cheesecake Factory Inc", "gift card for the cheesecake factory inc"));
    assertEquals("longer than 8 words", CatalogCleaning.notACategory("category", "one two three four five six seven eight nine", ""));
    assertEquals("One two three four five six seven eight nine ten eleven twelve",
        CatalogCleaning.firstSentence("One two three four five six seven eight nine ten eleven twelve thirteen. Next."));
  }
}
