package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.util.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden end-to-end check: Anserini's flat BM25 on SciFact, reproduced through the whole stack. */
class SciFactEndToEndTest {
  @TempDir Path tmp;

  @Test
  void bm25ReproducesAnseriniOnTheTestSplit() throws Exception {
    Path dir = SharedData.resolve("beir/scifact").orElse(null);
    Assumptions.assumeTrue(dir != null, "shared data folder absent");
    BeirDataset data = BeirDataset.load(dir, "test");
    assertEquals(300, data.queries().size());
    IndexConfig config = IndexConfig.defaults(List.of("title", "text")).withVectors(false).withPopularityField(null);
    try (CatalogReader reader = CatalogReaders.open(dir, CatalogReaders.Format.BEIR, null, null, false)) {
      new CatalogIndexer(config).build(tmp.resolve("index"), reader, 0, Map.of("input", dir.toString()));
      assertEquals(5183, reader.report().kept());
    }
    try (CatalogIndex index = CatalogIndex.open(tmp.resolve("index"))) {
      assertEquals(5183, index.size());
      RetrievalEvaluation.Result r = RetrievalEvaluation.evaluate(index.retriever("bm25"), data);
      System.out.println("scifact bm25 " + r);
      assertEquals(0.6789, r.ndcg10(), 0.01);
      assertTrue(r.recall100() >= 0.90, "recall@100 " + r.recall100());
    }
  }
}
