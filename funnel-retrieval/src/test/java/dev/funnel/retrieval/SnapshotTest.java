package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
  @TempDir Path dir;

  private static final IndexConfig TEXT_ONLY = IndexConfig.defaults(List.of("title")).withVectors(false).withEmbedBatchSize(4);

  private static List<Item> items(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> new Item(prefix + i, Map.of("title", "item " + prefix + " number " + i), Map.of(), Map.of())).toList();
  }

  private static Iterator<Item> failingAfter(List<Item> items, int n) {
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Item next() {
        if (i == n) {
          throw new IllegalStateException("simulated crash while reading item " + n);
        }
        return items.get(i++);
      }
    };
  }

  private long snapshots() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).count();
    }
  }

  @Test
  void failedBuildLeavesThePreviousSnapshotLive() throws Exception {
    new CatalogIndexer(TEXT_ONLY).build(dir, items("old", 10).iterator(), 0, Map.of());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new CatalogIndexer(TEXT_ONLY).build(dir, failingAfter(items("new", 50), 30), 0, Map.of()));
    assertTrue(e.getMessage().contains("simulated crash"));
    assertEquals(1, snapshots(), "the half-built snapshot is removed");
    try (CatalogIndex index = CatalogIndex.open(dir)) {
      assertEquals(10, index.size());
      assertTrue(index.item("old3").isPresent());
      assertTrue(index.item("new3").isEmpty());
    }
  }

  @Test
  void killedBuildLeavesThePreviousSnapshotLiveAndTheNextBuildWorks() throws Exception {
    new CatalogIndexer(TEXT_ONLY).build(dir, items("old", 5).iterator(), 0, Map.of());
    // A process killed mid-build leaves a partial snapshot folder and no pointer change.
    Path partial = Files.createDirectory(dir.resolve("snapshot-000002"));
    Files.writeString(partial.resolve("_0.fdt"), "half written");
    try (CatalogIndex index = CatalogIndex.open(dir)) {
      assertEquals(5, index.size());
    }
    new CatalogIndexer(TEXT_ONLY).build(dir, items("new", 7).iterator(), 0, Map.of());
    try (CatalogIndex index = CatalogIndex.open(dir)) {
      assertEquals(7, index.size());
      assertTrue(index.snapshot().getFileName().toString().endsWith("000003"));
    }
    assertTrue(Files.notExists(partial), "stale partial snapshot cleaned up");
  }

  @Test
  void readersOfTheOldSnapshotKeepWorkingDuringARebuild() throws Exception {
    new CatalogIndexer(TEXT_ONLY).build(dir, items("old", 5).iterator(), 0, Map.of());
    try (CatalogIndex before = CatalogIndex.open(dir)) {
      new CatalogIndexer(TEXT_ONLY).build(dir, items("new", 8).iterator(), 0, Map.of());
      assertEquals(5, before.size());
      assertEquals(1, before.retriever("bm25").retrieve(dev.funnel.core.Query.of("old number 2"), 1).size());
      try (CatalogIndex after = CatalogIndex.open(dir)) {
        assertEquals(8, after.size());
      }
    }
  }

  @Test
  void aRepeatedIdUpdatesTheItemTheLastRecordWins() throws Exception {
    List<Item> dup = List.of(new Item("x", Map.of("title", "a"), Map.of(), Map.of()), new Item("x", Map.of("title", "b"), Map.of(), Map.of()));
    CatalogIndexer indexer = new CatalogIndexer(TEXT_ONLY);
    assertEquals(1, indexer.build(dir, dup.iterator(), 0, Map.of()).items());
    assertEquals(1, indexer.repeatedIds());
    try (CatalogIndex index = CatalogIndex.open(dir)) {
      assertEquals(1, index.size());
      assertEquals("b", index.item("x").orElseThrow().text().get("title"));
    }
  }

  @Test
  void missingIndexAndWrongFormatVersionFailClearly() throws Exception {
    InvalidInputException none = assertThrows(InvalidInputException.class, () -> CatalogIndex.open(dir.resolve("nothing")));
    assertEquals("index", none.field());
    assertTrue(none.getMessage().contains("funnel index"), none.getMessage());
    IndexMetadata meta = new CatalogIndexer(TEXT_ONLY).build(dir, items("a", 3).iterator(), 0, Map.of());
    assertEquals(IndexMetadata.FORMAT_VERSION, meta.formatVersion());
    Path snap = Snapshots.current(dir).orElseThrow();
    Path file = snap.resolve(IndexMetadata.FILE);
    assertTrue(Files.readString(file).contains("\"kind\" : \"funnel-index\""));
    Files.writeString(file, Files.readString(file).replace("\"format_version\" : " + IndexMetadata.FORMAT_VERSION, "\"format_version\" : 2"));
    InvalidInputException old = assertThrows(InvalidInputException.class, () -> CatalogIndex.open(dir));
    assertEquals("format_version", old.field());
    assertTrue(old.getMessage().startsWith(file.toString()), old.getMessage());
    assertTrue(old.getMessage().contains("rebuild"), old.getMessage());
  }
}
