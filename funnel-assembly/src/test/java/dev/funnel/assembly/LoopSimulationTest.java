package dev.funnel.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Item;
import dev.funnel.learning.sim.ClickModel;
import dev.funnel.learning.sim.LoopSimulation;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.retrieval.CatalogIndexer;
import dev.funnel.retrieval.IndexConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopSimulationTest {
  @TempDir Path tmp;

  /** 12 topics x 8 items; query "<topic> item" wants the topic's items 5 and 6, which bm25 cannot tell apart from the rest. */
  private static List<Item> items() {
    List<Item> out = new ArrayList<>();
    for (int t = 0; t < 12; t++) {
      for (int i = 0; i < 8; i++) {
        out.add(new Item("t" + t + "-" + i, Map.of("title", "topic" + t + " item number" + i), Map.of(), Map.of()));
      }
    }
    return out;
  }

  private Map<String, Object> run(CatalogIndex index, long seed, int threads) throws Exception {
    Map<String, String> queries = new TreeMap<>();
    Map<String, Map<String, Integer>> qrels = new TreeMap<>();
    for (int t = 0; t < 12; t++) {
      queries.put("q" + t, "topic" + t + " item");
      Map<String, Integer> g = new HashMap<>();
      g.put("t" + t + "-5", 1);
      g.put("t" + t + "-6", 1);
      qrels.put("q" + t, g);
    }
    LoopSimulation.Config c = new LoopSimulation.Config(600, seed, List.of("fixed:bm25", "union", "linucb", "oracle"), List.of("bm25", "memory"),
        List.of(3, 8), 11, 2, 0.1, 1.0, ClickModel.DEFAULT, 3, 100, threads);
    List<Item> items = items();
    var catalog = LoopAssembly.lookup(items);
    Map<String, Object> r = new LoopSimulation(queries, qrels, index.retrievers(), LoopAssembly.structuredSearch(index), c,
        (strategies, structured, options, clock) -> LoopAssembly.open(strategies, structured, index.keywordFields(), items, catalog, null, null, options, clock))
        .run(null);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> p = (Map<String, Map<String, Object>>) r.get("policies");
    p.values().forEach(m -> m.remove("seconds"));
    return r;
  }

  @Test
  void aSeededRunIsDeterministicAndTheLoopLearns() throws Exception {
    new CatalogIndexer(IndexConfig.defaults(List.of("title")).withVectors(false).withPopularityField(null))
        .build(tmp.resolve("index"), items().iterator(), 96, Map.of("input", "test"));
    try (CatalogIndex index = CatalogIndex.open(tmp.resolve("index"))) {
      Map<String, Object> a = run(index, 3, 2);
      Map<String, Object> b = run(index, 3, 1);
      assertEquals(a.get("policies"), b.get("policies"), "same seed, same result (seed 3)");
      assertEquals(a.get("timeline"), b.get("timeline"));
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> p = (Map<String, Map<String, Object>>) a.get("policies");
      double fixed = (double) p.get("fixed:bm25").get("ndcg@10");
      double union = (double) p.get("union").get("ndcg@10");
      assertTrue(union > fixed + 0.1, "memory + learned ranker beat bm25 alone: " + union + " vs " + fixed);
      assertEquals(8.0, (double) p.get("fixed:bm25").get("candidates_per_search"), 1e-9);
      assertEquals(3, ((List<?>) a.get("timeline")).size());
    }
  }
}
