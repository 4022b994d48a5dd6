package dev.funnel.memory;

import dev.funnel.core.Checks;

/**
 * A query a cold-start item is expected to be found by: the normalised key, the item, a quality in
 * (0, 1] (how strongly the generation rule ties the key to the item) and the rule that made it.
 */
public record PredictedQuery(String key, String itemId, double quality, String rule) {
  public PredictedQuery {
    Checks.nonBlank("key", key);
    Checks.nonBlank("itemId", itemId);
    if (!(quality > 0 && quality <= 1)) {
      throw new dev.funnel.core.InvalidInputException("quality", quality, "expected a number in (0, 1]");
    }
    Checks.nonBlank("rule", rule);
  }
}
