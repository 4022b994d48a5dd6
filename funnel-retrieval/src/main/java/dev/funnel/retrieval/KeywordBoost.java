package dev.funnel.retrieval;

import dev.funnel.core.Checks;

/** A soft preference in a structured search: items with {@code field = value} gain {@code weight} (a share of the best text score). */
public record KeywordBoost(String field, String value, double weight) {
  public KeywordBoost {
    Checks.nonBlank("field", field);
    Checks.nonBlank("value", value);
    Checks.nonNegative("weight", weight);
  }
}
