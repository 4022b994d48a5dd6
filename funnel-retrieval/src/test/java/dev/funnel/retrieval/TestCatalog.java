package dev.funnel.retrieval;

import dev.funnel.core.Item;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small seeded product catalog indexed once per test JVM with vectors (real MiniLM model), so
 * every retriever test searches the same snapshot.
 */
final class TestCatalog {
  static final long SEED = 20261122L;
  static final String[] COLORS = {"red", "blue", "green"};
  static final String[] NOUNS = {"mug", "lamp", "chair", "kettle", "backpack", "notebook", "blanket", "umbrella", "pencil", "candle"};
  static final String[] ADJ = {"ceramic", "wooden", "waterproof", "soft", "steel", "vintage", "compact", "handmade"};

  private static CatalogIndex index;

  private TestCatalog() {}

  static List<Item> items() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String noun = NOUNS[i % NOUNS.length];
      String adj = ADJ[rnd.nextInt(ADJ.length)];
      String color = COLORS[rnd.nextInt(COLORS.length)];
      String title = adj + " " + color + " " + noun;
      String description = "A " + adj + " " + noun + " in " + color + ", model " + i + ". Great gift for home and office.";
      Map<String, Double> numbers = i % 4 == 0 ? Map.of("price", 5.0 + i) : Map.of("price", 5.0 + i, "popularity", (double) rnd.nextInt(500));
      out.add(new Item("p" + i, Map.of("title", title, "description", description),
          Map.of("color", List.of(color), "category", List.of(noun.equals("mug") || noun.equals("kettle") ? "kitchen" : "home")), numbers));
    }
    return out;
  }

  static synchronized CatalogIndex index() {
    if (index == null) {
      try {
        Path dir = Files.createTempDirectory("funnel-test-catalog");
        dir.toFile().deleteOnExit();
        IndexConfig config = IndexConfig.defaults(List.of("title", "description"));
        new CatalogIndexer(config).build(dir, items().iterator(), 0, Map.of("input", "TestCatalog"));
        index = CatalogIndex.open(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return index;
  }
}
