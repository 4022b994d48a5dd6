package dev.funnel.rank;

import dev.funnel.core.Candidate;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import java.util.List;

/** Feedback memory of the (query, item) pair: {@code memory.impressions|clicks|carts|purchases|ctr}. */
public final class MemoryFeatures implements FeatureExtractor {
  private static final List<String> NAMES =
      List.of("memory.impressions", "memory.clicks", "memory.carts", "memory.purchases", "memory.ctr");
  private final MemoryStats stats;

  public MemoryFeatures(MemoryStats stats) {
    this.stats = stats;
  }

  @Override
  public List<String> names() {
    return NAMES;
  }

  @Override
  public void extract(Query query, Candidate candidate, Item item, float[] out, int offset) {
    MemoryStats.Counts c = stats.lookup(query.text(), candidate.itemId());
    out[offset] = (float) c.impressions();
    out[offset + 1] = (float) c.clicks();
    out[offset + 2] = (float) c.carts();
    out[offset + 3] = (float) c.purchases();
    out[offset + 4] = (float) c.ctr();
  }
}
