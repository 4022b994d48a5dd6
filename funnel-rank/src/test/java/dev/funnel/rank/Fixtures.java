package dev.funnel.rank;

import dev.funnel.core.Candidate;
import dev.funnel.core.Context;
import dev.funnel.core.Item;
import dev.funnel.core.Provenance;
import dev.funnel.core.Query;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small shared test data: a three-strategy pipeline and a catalog. */
final class Fixtures {
  private Fixtures() {}

  static final List<String> STRATEGIES = List.of("bm25", "dense", "memory");

  static FeaturePipeline pipeline(MemoryStats memory) {
    return FeaturePipeline.standard(STRATEGIES, memory, List.of("popularity", "price"), List.of("brand", "category"));
  }

  static Item item(String id, double popularity, String brand) {
    return new Item(id, Map.of("title", "item " + id), Map.of("brand", List.of(brand), "category", List.of("Running Shoes")),
        Map.of("popularity", popularity));
  }

  static Query query(String text) {
    return new Query(text, Map.of(), new Context("u1", "s1", "gold", Instant.parse("2026-11-22T14:05:00Z"), Map.of()));
  }

  static Candidate candidate(String id, Provenance... p) {
    return new Candidate(id, p[0].rawScore(), List.of(p));
  }
}
