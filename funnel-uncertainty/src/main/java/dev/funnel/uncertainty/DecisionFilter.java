package dev.funnel.uncertainty;

import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a deployed {@link ScoredModel}'s decision policy to candidate items: "show only items
 * whose predicted positive (conversion) meets precision P". Items keep their input order. Request
 * parsing is not its job: {@code POST /search} reads {@code "decision": {"min_precision": P}} in
 * its typed request (the serving module's {@code SearchRequest}).
 */
public final class DecisionFilter {
  private final ScoredModel model;

  public DecisionFilter(ScoredModel model) {
    this.model = model;
  }

  /** An item to decide on, with features in the model's order ({@link ScoredModel#featureNames()}). */
  public record Item(String itemId, float[] features) {}

  /** A kept item with its score, uncertainty and the threshold of its uncertainty bin. */
  public record Kept(String itemId, double score, double uncertainty, double threshold) {}

  /** The items that pass the table for {@code minPrecision}, in input order. */
  public List<Kept> filter(List<Item> items, double minPrecision) {
    ThresholdTable table = model.policy().tableFor(minPrecision);
    if (items.isEmpty()) {
      return List.of();
    }
    float[][] rows = new float[items.size()][];
    for (int i = 0; i < rows.length; i++) {
      float[] f = items.get(i).features();
      if (f.length != model.featureNames().size()) {
        throw new InvalidInputException("items[" + i + "].features", f.length, "expected " + model.featureNames().size() + " features " + model.featureNames());
      }
      rows[i] = f;
    }
    Estimate[] e = model.scorer().estimateAll(rows);
    List<Kept> kept = new ArrayList<>();
    for (int i = 0; i < e.length; i++) {
      double th = table.thresholdFor(e[i].uncertainty());
      if (e[i].score() >= th) {
        kept.add(new Kept(items.get(i).itemId(), e[i].score(), e[i].uncertainty(), th));
      }
    }
    return kept;
  }
}
