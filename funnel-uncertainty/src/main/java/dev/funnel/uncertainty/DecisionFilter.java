package dev.funnel.uncertainty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Applies a deployed {@link ScoredModel}'s decision policy to candidate items: "show only items
 * whose predicted positive (conversion) meets precision P". Items keep their input order. For HTTP
 * endpoints, {@link #requestedPrecision(JsonNode)} reads {@code "decision": {"min_precision": P}}
 * from a request body; its errors are {@link InvalidInputException}s naming
 * {@code decision.min_precision}, which the server answers with status 400.
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

  /** The {@code decision.min_precision} of a request body, or empty when there is no decision. */
  public static OptionalDouble requestedPrecision(JsonNode body) {
    JsonNode d = body.get("decision");
    if (d == null || d.isNull()) {
      return OptionalDouble.empty();
    }
    if (!d.isObject()) {
      throw new InvalidInputException("decision", d.toString(), "expected an object like {\"min_precision\": 0.9}");
    }
    JsonNode p = d.get("min_precision");
    if (p == null || !p.isNumber() || !(p.asDouble() > 0 && p.asDouble() <= 1)) {
      throw new InvalidInputException("decision.min_precision", p == null ? null : p.toString(), "expected a precision in (0, 1]");
    }
    return OptionalDouble.of(p.asDouble());
  }
}
