package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.Candidate;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item updates on a real index with MiniLM vectors: an acknowledged put is found at once by every
 * strategy (dense and hybrid through its embedding), a replaced item's old text no longer finds
 * it, a deleted item is found by none; the journal alone brings back updates that no commit holds
 * (a crash image of the folder, copied while the writer is open), a torn journal tail is cut off,
 * and the index passes Lucene's CheckIndex.
 */
class IndexUpdaterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STRATEGIES = List.of("bm25", "bm25-pop", "dense", "hybrid", "hybrid-rrf");
  @TempDir Path tmp;

  private static Path build(Path dir) throws IOException {
    CatalogReaders.Mapping mapping = new CatalogReaders.Mapping("id", List.of("title", "description"), List.of("color", "category"),
        List.of("price"), "popularity");
    Map<String, String> source = new LinkedHashMap<>(Map.of("input", "TestCatalog"));
    source.putAll(ItemMapping.source(CatalogReaders.Format.JSONL, mapping));
    new CatalogIndexer(IndexConfig.defaults(mapping.textFields())).build(dir, TestCatalog.items().iterator(), 0, source);
    return dir;
  }

  private static Item record(ItemMapping mapping, String json) throws IOException {
    return mapping.parse(JSON.readTree(json), "", id -> Optional.empty());
  }

  private static List<String> ids(CatalogIndex index, String strategy, String text, Map<String, String> filters) {
    return index.retriever(strategy).retrieve(new Query(text, filters, dev.funnel.core.Context.EMPTY), 10).stream().map(Candidate::itemId).toList();
  }

  @Test
  void putsAreSearchableByEveryStrategyAtOnceAndDeletesByNone() throws Exception {
    Path dir = build(tmp.resolve("index"));
    try (CatalogIndex index = CatalogIndex.open(dir); IndexUpdater updater = IndexUpdater.open(index, Duration.ofHours(1))) {
      ItemMapping mapping = ItemMapping.of(index);
      assertEquals(CatalogReaders.Format.JSONL, mapping.format());
      assertEquals(List.of("color", "category"), mapping.mapping().keywordFields());
      int before = index.size();
      String title = "zeppelin harmonica with brass reeds";
      for (String s : STRATEGIES) {
        assertFalse(ids(index, s, title, Map.of()).contains("new-1"), s);
      }
      updater.apply(List.of(ItemUpdate.put(record(mapping,
          "{\"id\": \"new-1\", \"title\": \"" + title + "\", \"description\": \"A harmonica.\", \"color\": \"amber\", \"category\": \"music\", \"price\": \"12.5\"}"))));
      assertEquals(before + 1, index.size());
      for (String s : STRATEGIES) {
        assertEquals("new-1", ids(index, s, title, Map.of()).get(0), s + " finds the new item first");
      }
      assertEquals(List.of("new-1"), ids(index, "bm25", "harmonica", Map.of("color", "amber")), "a new keyword value filters");
      assertTrue(index.keywordFields().contains("color"));
      assertEquals(12.5, index.item("new-1").orElseThrow().numbers().get("price"));

      // replace p3: its old title no longer finds it, the new one does
      Item old = index.item("p3").orElseThrow();
      String oldTitle = old.text().get("title");
      assertTrue(ids(index, "bm25", oldTitle, Map.of()).contains("p3"));
      updater.apply(List.of(ItemUpdate.put(record(mapping, "{\"id\": \"p3\", \"title\": \"quartz metronome\", \"category\": \"music\"}"))));
      assertEquals(before + 1, index.size(), "a replacement adds no item");
      assertEquals("quartz metronome", index.item("p3").orElseThrow().text().get("title"));
      assertEquals("p3", ids(index, "dense", "quartz metronome", Map.of()).get(0));
      assertEquals(List.of("p3"), ids(index, "bm25", "metronome", Map.of()));

      // delete p7: no strategy finds it any more, whatever the query
      String p7 = index.item("p7").orElseThrow().text().get("title");
      for (String s : STRATEGIES) {
        assertTrue(ids(index, s, p7, Map.of()).contains("p7"), s + " finds p7 before the delete");
      }
      updater.apply(List.of(ItemUpdate.delete("p7")));
      for (String s : STRATEGIES) {
        assertFalse(ids(index, s, p7, Map.of()).contains("p7"), s + " never finds a deleted item");
      }
      assertTrue(index.item("p7").isEmpty());
      assertEquals(before, index.size());
      assertEquals(3, updater.journal().size());
    }
  }

  @Test
  void theJournalBringsBackEveryUpdateThatNoCommitHolds() throws Exception {
    Path dir = build(tmp.resolve("index"));
    Path crash = tmp.resolve("crash");
    List<String> put = new ArrayList<>();
    try (CatalogIndex index = CatalogIndex.open(dir); IndexUpdater updater = IndexUpdater.open(index, Duration.ofHours(1))) {
      ItemMapping mapping = ItemMapping.of(index);
      for (int i = 0; i < 12; i++) {
        updater.apply(List.of(ItemUpdate.put(record(mapping, "{\"id\": \"n" + i + "\", \"title\": \"novel gadget" + i + " widget\"}"))));
        put.add("n" + i);
      }
      updater.commit(); // the first 12 are committed, the rest live only in the journal
      for (int i = 12; i < 20; i++) {
        updater.apply(List.of(ItemUpdate.put(record(mapping, "{\"id\": \"n" + i + "\", \"title\": \"novel gadget" + i + " widget\"}")),
            ItemUpdate.delete("p" + i)));
        put.add("n" + i);
      }
      // the image a kill -9 leaves: the folder as it is while the writer is open, uncommitted files included
      copyTree(dir, crash);
    }
    // a half-written record after the last acknowledged one
    Path journal = Snapshots.current(crash).orElseThrow().resolve(ItemJournal.FILE);
    Files.write(journal, "0badc0de {\"updates\": [{\"op\": \"put\", \"id\": \"to".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    Files.deleteIfExists(Snapshots.current(crash).orElseThrow().resolve("write.lock"));
    try (CatalogIndex index = CatalogIndex.open(crash); IndexUpdater updater = IndexUpdater.open(index, Duration.ofHours(1))) {
      Map<String, Object> r = updater.recovery();
      assertEquals(20L, r.get("journal_records"), r.toString());
      assertEquals(8L, r.get("replayed_records"), r.toString());
      assertTrue((Long) r.get("torn_bytes_cut") > 0, r.toString());
      for (int i = 0; i < 20; i++) {
        assertEquals("n" + i, ids(index, "bm25", "gadget" + i, Map.of()).get(0));
        assertEquals("n" + i, ids(index, "dense", "novel gadget" + i + " widget", Map.of()).get(0), "replayed with its embedding");
      }
      for (int i = 12; i < 20; i++) {
        assertTrue(index.item("p" + i).isEmpty(), "replayed delete of p" + i);
      }
      assertEquals(60 + 20 - 8, index.size());
    }
    try (FSDirectory d = FSDirectory.open(Snapshots.current(crash).orElseThrow()); CheckIndex check = new CheckIndex(d)) {
      assertTrue(check.checkIndex().clean, "CheckIndex after the replay");
    }
    // a second start replays nothing: the replay was committed
    try (CatalogIndex index = CatalogIndex.open(crash); IndexUpdater updater = IndexUpdater.open(index, Duration.ofHours(1))) {
      assertEquals(0L, updater.recovery().get("replayed_records"));
      assertEquals(72, index.size());
    }
  }

  @Test
  void recordsAreValidatedByTheCatalogMappingNamingFieldAndValue() throws Exception {
    Path dir = build(tmp.resolve("index"));
    try (CatalogIndex index = CatalogIndex.open(dir)) {
      ItemMapping mapping = ItemMapping.of(index);
      InvalidInputException price = assertThrows(InvalidInputException.class,
          () -> mapping.parse(JSON.readTree("{\"id\": \"x\", \"title\": \"t\", \"price\": \"cheap\"}"), "items[2].", id -> Optional.empty()));
      assertEquals("items[2].price", price.field());
      assertEquals("cheap", price.value());
      InvalidInputException text = assertThrows(InvalidInputException.class,
          () -> mapping.parse(JSON.readTree("{\"id\": \"x\", \"price\": 3}"), "", id -> Optional.empty()));
      assertEquals("title", text.field());
      InvalidInputException id = assertThrows(InvalidInputException.class,
          () -> mapping.parse(JSON.readTree("{\"id\": [1], \"title\": \"t\"}"), "", i -> Optional.empty()));
      assertEquals("id", id.field());
      // the cleaning of `funnel index` applies too
      Item cleaned = mapping.parse(JSON.readTree("{\"id\": \"x\", \"title\": \"<b>Bold</b> &amp; bright\"}"), "", i -> Optional.empty());
      assertEquals("Bold & bright", cleaned.text().get("title"));
    }
  }

  @Test
  void repeatedIdsInACatalogAreUpdatesTheLastOneWinsAndBuildsStayDeterministic() throws Exception {
    List<Item> items = new ArrayList<>(TestCatalog.items());
    items.add(new Item("p4", Map.of("title", "replacement kazoo"), Map.of(), Map.of()));
    items.add(new Item("p9", Map.of("title", "first repeat"), Map.of(), Map.of()));
    items.add(new Item("p9", Map.of("title", "second repeat ocarina"), Map.of(), Map.of()));
    List<Map<String, List<String>>> runs = new ArrayList<>();
    for (int threads : new int[] {1, 2}) {
      Path dir = tmp.resolve("repeats-" + threads);
      CatalogIndexer indexer = new CatalogIndexer(IndexConfig.defaults(List.of("title", "description")).withThreads(threads).withEmbedBatchSize(7));
      IndexMetadata meta = indexer.build(dir, items.iterator(), 0, Map.of());
      assertEquals(3, indexer.repeatedIds());
      assertEquals(60, meta.items());
      try (CatalogIndex index = CatalogIndex.open(dir)) {
        assertEquals(60, index.size());
        assertEquals(1, index.statistics().segments());
        assertEquals("replacement kazoo", index.item("p4").orElseThrow().text().get("title"));
        assertEquals("second repeat ocarina", index.item("p9").orElseThrow().text().get("title"));
        assertTrue(ids(index, "bm25", "first", Map.of()).isEmpty());
        Map<String, List<String>> results = new LinkedHashMap<>();
        for (String s : STRATEGIES) {
          for (String q : List.of("ocarina", "kazoo", "red mug", "wooden chair")) {
            results.put(s + ":" + q, index.retriever(s).retrieve(Query.of(q), 20).stream().map(c -> c.itemId() + "=" + c.score()).toList());
          }
        }
        runs.add(results);
      }
    }
    assertEquals(runs.get(0), runs.get(1), "1 and 2 threads build the same index from a catalog with repeats");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
