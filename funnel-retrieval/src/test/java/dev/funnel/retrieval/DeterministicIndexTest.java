package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Candidate;
import dev.funnel.core.Query;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same catalog and configuration give the same index whatever the thread count: identical
 * statistics and identical top-100 lists (ids and scores) for every strategy, the approximate
 * HNSW-based ones included. Segments are cut small here so that flushes and the final merge are
 * exercised too.
 */
class DeterministicIndexTest {
  private static final int ITEMS = 1_500;
  private static final int FLUSH_DOCS = 400;

  @TempDir Path tmp;

  @Test
  void oneAndSeveralThreadsBuildTheSameIndex() throws Exception {
    SyntheticCatalog catalog = new SyntheticCatalog(11, 3_000);
    List<String> queries = catalog.queries(40);
    Map<String, List<List<String>>> one = results(build(catalog, 1, "one"), queries);
    Map<String, List<List<String>>> three = results(build(catalog, 3, "three"), queries);
    assertEquals(List.of("bm25", "bm25-pop", "dense", "hybrid", "hybrid-rrf"), new ArrayList<>(one.keySet()));
    for (String strategy : one.keySet()) {
      List<List<String>> a = one.get(strategy);
      List<List<String>> b = three.get(strategy);
      for (int q = 0; q < a.size(); q++) {
        assertEquals(a.get(q), b.get(q), () -> strategy + ": 1 and 3 threads differ on line " + firstDifference(a, b));
      }
    }
  }

  private static String firstDifference(List<List<String>> a, List<List<String>> b) {
    for (int q = 0; q < a.size(); q++) {
      for (int i = 0; i < Math.min(a.get(q).size(), b.get(q).size()); i++) {
        if (!a.get(q).get(i).equals(b.get(q).get(i))) {
          return "list " + q + " rank " + (i + 1) + ": " + a.get(q).get(i) + " vs " + b.get(q).get(i);
        }
      }
      if (a.get(q).size() != b.get(q).size()) {
        return "list " + q + ": " + a.get(q).size() + " vs " + b.get(q).size() + " results";
      }
    }
    return "none";
  }

  private Path build(SyntheticCatalog catalog, int threads, String name) throws Exception {
    IndexConfig config = IndexConfig.defaults(List.of("title", "text")).withThreads(threads).withFlushDocs(FLUSH_DOCS).withEmbedBatchSize(16);
    Path dir = tmp.resolve(name);
    new CatalogIndexer(config).build(dir, catalog.items(ITEMS), ITEMS, Map.of("input", "synthetic"));
    return dir;
  }

  /** Per strategy, per query: "id score" lines of the top 100, and the index statistics first. */
  private static Map<String, List<List<String>>> results(Path dir, List<String> queries) throws Exception {
    Map<String, List<List<String>>> out = new java.util.LinkedHashMap<>();
    try (CatalogIndex index = CatalogIndex.open(dir)) {
      IndexStatistics stats = index.statistics();
      assertEquals(ITEMS, stats.docs());
      assertEquals(ITEMS, stats.vectors());
      assertEquals(1, stats.segments(), "the build ends with one segment");
      assertTrue(stats.terms() > 100, "terms " + stats);
      for (String strategy : index.retrievers().keySet()) {
        List<List<String>> lists = new ArrayList<>();
        lists.add(List.of(stats.toString()));
        for (String q : queries) {
          List<String> lines = new ArrayList<>();
          for (Candidate c : index.retriever(strategy).retrieve(Query.of(q), 100)) {
            lines.add(c.itemId() + " " + c.score());
          }
          lists.add(lines);
        }
        out.put(strategy, lists);
      }
    }
    return out;
  }
}
