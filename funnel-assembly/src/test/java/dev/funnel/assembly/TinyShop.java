package dev.funnel.assembly;

import dev.funnel.core.Item;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.retrieval.CatalogIndexer;
import dev.funnel.retrieval.IndexConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small hand-made shop for loop tests: 8 topics x 10 items; item {@code t<T>-<i>} has title
 * "<topic> <colour i> <shape>" and brand/category keyword fields. Query "<topic>" has the
 * topic's items as relevant (grade 1), and item 7 of each topic is the one users want most.
 */
final class TinyShop {
  static final String[] TOPICS = {"lamp", "chair", "table", "rug", "mirror", "shelf", "clock", "vase"};
  static final String[] COLOURS = {"red", "blue", "green", "black", "white", "grey", "pink", "gold", "teal", "plum"};
  static final String[] BRANDS = {"acme", "zenith", "nordic", "umbra"};

  private TinyShop() {}

  static List<Item> items() {
    List<Item> out = new ArrayList<>();
    for (int t = 0; t < TOPICS.length; t++) {
      for (int i = 0; i < 10; i++) {
        String shape = i % 2 == 0 ? "round" : "square";
        out.add(new Item("t" + t + "-" + i, Map.of("title", TOPICS[t] + " " + COLOURS[i] + " " + shape, "description", "a " + shape + " " + TOPICS[t]),
            Map.of("brand", List.of(BRANDS[(t + i) % BRANDS.length]), "category", List.of(TOPICS[t])), Map.of("price", 10.0 + i)));
      }
    }
    return out;
  }

  static CatalogIndex index(Path dir) throws IOException {
    new CatalogIndexer(IndexConfig.defaults(List.of("title", "description")).withVectors(false).withPopularityField(null))
        .build(dir, items().iterator(), 80, Map.of("input", "tiny-shop"));
    return CatalogIndex.open(dir);
  }

  /** Query id = topic name; text = "<topic> <shape>" so queries are two words. */
  static Map<String, String> queries() {
    Map<String, String> q = new TreeMap<>();
    for (String t : TOPICS) {
      q.put(t, t + " round");
    }
    return q;
  }

  /** Relevant items of a query: the topic's round items (grade 1). */
  static Map<String, Map<String, Integer>> qrels() {
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    for (int t = 0; t < TOPICS.length; t++) {
      Map<String, Integer> g = new HashMap<>();
      for (int i = 0; i < 10; i += 2) {
        g.put("t" + t + "-" + i, 1);
      }
      out.put(TOPICS[t], g);
    }
    return out;
  }
}
